using System.Globalization;
using Engine.Core.Challenges;
using Engine.Core.Stats;
using Engine.Web.Tenancy;

namespace Engine.Web.Site;

public static class HomePages
{
    public static void MapHomePages(this IEndpointRouteBuilder app) => app.MapGet("/", Home);

    private static async Task<IResult> Home(HttpContext context, IChallengeStore challenges, IStatsQuery stats, TimeProvider clock)
    {
        var tenant = context.Tenant();
        var now = clock.GetUtcNow();
        var culture = CultureInfo.GetCultureInfo(tenant.Locale);
        var all = await challenges.ListAsync(tenant.Id, context.RequestAborted);
        var numbers = await stats.GetAsync(tenant.Id, context.RequestAborted);
        var model = PageModel.For(context, "Home");
        var basePath = context.Request.PathBase.Value ?? "";
        model["openChallenges"] = all.Where(c => c.StateAt(now) == ChallengeState.Open).Select(c => Views.Challenge(c, basePath, now, culture)).ToList();
        model["closedChallenges"] = all.Where(c => c.StateAt(now) == ChallengeState.Closed).Select(c => Views.Challenge(c, basePath, now, culture)).ToList();
        model["stats"] = NumbersPages.View(numbers);
        return new ThemedPage("index", model);
    }
}
