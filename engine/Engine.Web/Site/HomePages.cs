using Engine.Core.Challenges;
using Engine.Core.Stats;
using Engine.Themes.Pages;

namespace Engine.Web.Site;

public static class HomePages
{
    public static void MapHomePages(this IEndpointRouteBuilder app) => app.MapGet("/", Home);

    private static async Task<IResult> Home([AsParameters] SitePage page, OpenChallenge open, IStatsQuery stats, TimeProvider clock)
    {
        var tenant = page.Tenant;
        var now = clock.GetUtcNow();
        var culture = page.Culture;
        var visible = await open.ListKeptAsync(tenant.Id, page.Aborted);
        var numbers = await stats.GetAsync(tenant.Id, page.Aborted);
        var basePath = page.BasePath;
        var model = new IndexPage(
            Frame: page.Frame(page.Words("title.home")),
            OpenChallenges: visible.Where(open.TakesContributions).Select(c => Views.Challenge(c, basePath, now, culture)).ToList(),
            ClosedChallenges: visible.Where(c => !open.TakesContributions(c)).Select(c => Views.Challenge(c, basePath, now, culture)).ToList(),
            Stats: Views.Stats(numbers));
        return new ThemedPage("index", model);
    }
}
