using System.Globalization;
using Engine.Core.Ideas;
using Engine.Core.Roadmap;
using Engine.Web.Tenancy;

namespace Engine.Web.Site;

/// <summary>The site's roadmap: each stage, from themed to scale and spread, with its big ideas and ideas.</summary>
public static class RoadmapPages
{
    public static void MapRoadmapPages(this IEndpointRouteBuilder app) => app.MapGet("/roadmap", Show);

    private static async Task<IResult> Show(HttpContext context, Roadmap roadmap, TimeProvider clock)
    {
        var tenant = context.Tenant();
        var now = clock.GetUtcNow();
        var culture = CultureInfo.GetCultureInfo(tenant.Locale);
        var basePath = context.Request.PathBase.Value ?? "";
        var stages = await roadmap.ForSiteAsync(tenant.Id, context.RequestAborted);
        var model = PageModel.For(context, "Roadmap");
        model["stages"] = stages.Select(s => new
        {
            key = s.Stage.Key(),
            name = RoadmapStages.Name(s.Stage),
            meaning = RoadmapStages.Meaning(s.Stage),
            countLabel = Views.Quantity(s.BigIdeas.Count, "big idea", "big ideas") + ", " + Views.Quantity(s.Ideas.Count, "idea", "ideas"),
            isEmpty = s.BigIdeas.Count == 0 && s.Ideas.Count == 0,
            bigIdeas = s.BigIdeas.Select(b => new
            {
                title = b.BigIdea.Title,
                summary = b.BigIdea.Summary,
                url = $"{basePath}/big-ideas/{b.BigIdea.Id}",
                challengeTitle = b.Challenge.Title,
                themeCountLabel = Views.Quantity(b.BigIdea.ThemeIds.Count, "theme", "themes"),
            }).ToList(),
            ideas = s.Ideas.Select(i => Views.Idea(i, basePath, now, culture, 0)).ToList(),
        }).ToList();
        return new ThemedPage("roadmap", model);
    }
}
