using Engine.Core.BigIdeas;
using Engine.Core.Challenges;
using Engine.Core.Ideas;
using Engine.Web.Tenancy;
using Humanizer;

namespace Engine.Web.Site;

/// <summary>What an idea's page says about where it went: merged into another idea, merged duplicates, its themes and big ideas.</summary>
public static class IdeaLinks
{
    public static async Task AddAsync(HttpContext context, Dictionary<string, object?> model, Idea idea, Challenge challenge, string basePath)
    {
        var services = context.RequestServices;
        var tenantId = context.Tenant().Id;
        var ct = context.RequestAborted;
        var kept = idea.MergedInto is { } keptId ? await services.GetRequiredService<IIdeaStore>().FindAsync(tenantId, keptId, ct) : null;
        model["mergedInto"] = kept is null ? null : new { id = kept.Id, title = kept.Title, url = $"{basePath}/ideas/{kept.Id}" };
        model["duplicates"] = (await services.GetRequiredService<IMergeStore>().MergedAsync(tenantId, null, idea.Id, ct))
            .Select(m => new { id = m.Id, title = m.Title, url = $"{basePath}/ideas/{m.Id}", commentCountLabel = "comment".ToQuantity(m.CommentCount) }).ToList();
        model["groupings"] = (await services.GetRequiredService<IThemingStore>().GroupingsOfIdeaAsync(tenantId, idea.Id, ct))
            .Select(g => new
            {
                themeTitle = g.ThemeTitle,
                themeUrl = $"{basePath}/challenges/{challenge.Slug}/big-ideas#theme-{g.ThemeId}",
                bigIdea = g.BigIdeaId is { } id ? new { title = g.BigIdeaTitle, url = $"{basePath}/big-ideas/{id}" } : null,
            }).ToList();
    }
}
