using Engine.Core.Challenges;
using Engine.Core.Stats;
using Engine.Themes.Pages;

namespace Engine.Web.Site;

/// <summary>
/// "About the numbers": what each headline number means (Core.Stats.Numbers.Definitions, worded from the engine's catalogues whichever
/// theme), the site's numbers and each challenge's.
/// </summary>
public static class NumbersPages
{
    public static void MapNumbersPages(this IEndpointRouteBuilder app) => app.MapGet("/about/numbers", About);

    private static async Task<IResult> About([AsParameters] SitePage page, IStatsQuery stats, OpenChallenge open, Core.IdeaForms.IIdeaFacetStore facets)
    {
        var tenant = page.Tenant;
        var basePath = page.BasePath;
        var rows = new List<ChallengeNumbers>();
        var breakdowns = new List<BreakdownView>();
        foreach (var c in await open.ListKeptAsync(tenant.Id, page.Aborted))
        {
            var s = await stats.ForChallengeAsync(tenant.Id, c.Id, page.Aborted);
            rows.Add(new ChallengeNumbers(c.Title, $"{basePath}/challenges/{c.Slug}", Views.Stats(s)));
            breakdowns.AddRange(await IdeaFormViews.BreakdownsAsync(tenant, c, facets, page.Culture, page.Words("numbers.other"), page.Aborted));
        }
        var model = new NumbersPage(
            Frame: page.Frame(page.Words("title.numbers")),
            Stats: Views.Stats(await stats.GetAsync(tenant.Id, page.Aborted), page.Words("numbers.site", tenant.Name)),
            ChallengeNumbers: rows,
            Definitions: Numbers.Definitions.Select(d => new DefinitionView(page.Words($"definition.{d}"), page.Words($"definition.{d}.meaning"))).ToList(),
            Breakdowns: breakdowns);
        return new ThemedPage("numbers", model);
    }
}
