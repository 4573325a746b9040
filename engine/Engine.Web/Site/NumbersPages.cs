using Engine.Core.Challenges;
using Engine.Core.Stats;
using Engine.Web.Tenancy;

namespace Engine.Web.Site;

/// <summary>
/// "About the numbers": what each headline number means (Core.Stats.Numbers.Definitions, the same words whichever
/// theme), the site's numbers and each challenge's.
/// </summary>
public static class NumbersPages
{
    public static void MapNumbersPages(this IEndpointRouteBuilder app) => app.MapGet("/about/numbers", About);

    /// <summary>The stats partial's model.</summary>
    public static object View(SiteStats s, string? label = null) =>
        new { people = s.People, ideas = s.Ideas, comments = s.Comments, votes = s.Votes, interactions = s.Interactions, offline = s.ImportedIdeas + s.ImportedComments, label };

    private static async Task<IResult> About(HttpContext context, IStatsQuery stats, IChallengeStore challenges, TimeProvider clock)
    {
        var tenant = context.Tenant();
        var now = clock.GetUtcNow();
        var basePath = context.Request.PathBase.Value ?? "";
        var visible = (await challenges.ListAsync(tenant.Id, context.RequestAborted)).Where(c => c.IsVisibleAt(now)).ToList();
        var rows = new List<object>();
        foreach (var c in visible)
        {
            var s = await stats.ForChallengeAsync(tenant.Id, c.Id, context.RequestAborted);
            rows.Add(new { title = c.Title, url = $"{basePath}/challenges/{c.Slug}", stats = View(s) });
        }
        var model = PageModel.For(context, "About the numbers");
        model["stats"] = View(await stats.GetAsync(tenant.Id, context.RequestAborted), $"{tenant.Name} in numbers");
        model["challengeNumbers"] = rows;
        model["definitions"] = Numbers.Definitions.Select(d => new { term = d.Term, meaning = d.Meaning }).ToList();
        return new ThemedPage("numbers", model);
    }
}
