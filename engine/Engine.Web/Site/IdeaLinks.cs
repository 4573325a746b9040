using Engine.Core.BigIdeas;
using Engine.Core.Challenges;
using Engine.Core.Ideas;
using System.Globalization;
using Engine.Themes.Pages;

namespace Engine.Web.Site;

/// <summary>What an idea's page says about where it went: merged into another idea, merged duplicates, its themes and big ideas.</summary>
public sealed record IdeaLinks(MergedIdeaView? MergedInto, IReadOnlyList<DuplicateView> Duplicates, IReadOnlyList<GroupingView> Groupings)
{
    public static async Task<IdeaLinks> ForAsync(IIdeaStore ideas, IMergeStore merges, IThemingStore theming, string tenantId, Idea idea,
        Challenge challenge, string basePath, CultureInfo culture, CancellationToken ct)
    {
        var kept = idea.MergedInto is { } keptId ? await ideas.FindAsync(tenantId, keptId, ct) : null;
        return new IdeaLinks(
            MergedInto: kept is null ? null : new MergedIdeaView(kept.Id, kept.Title, $"{basePath}/ideas/{kept.Id}"),
            Duplicates: (await merges.MergedAsync(tenantId, null, idea.Id, ct))
                .Select(m => new DuplicateView(m.Id, m.Title, $"{basePath}/ideas/{m.Id}", Languages.EngineWords.Text(culture, "idea.comments", m.CommentCount))).ToList(),
            Groupings: (await theming.GroupingsOfIdeaAsync(tenantId, idea.Id, ct))
                .Select(g => new GroupingView(
                    ThemeTitle: g.ThemeTitle,
                    ThemeUrl: $"{basePath}/challenges/{challenge.Slug}/big-ideas#theme-{g.ThemeId}",
                    // A grouping has a big idea's title exactly when it has its id (the store reads them together).
                    BigIdea: g.BigIdeaId is { } id ? new LinkView(g.BigIdeaTitle!, $"{basePath}/big-ideas/{id}") : null)).ToList());
    }
}
