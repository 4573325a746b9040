using Engine.Core.Ideas;
using Engine.Core.Roadmap;
using Engine.Themes.Pages;

namespace Engine.Web.Site;

/// <summary>The site's roadmap: each stage, from themed to scale and spread, with its big ideas and ideas.</summary>
public static class RoadmapPages
{
    public static void MapRoadmapPages(this IEndpointRouteBuilder app) => app.MapGet("/roadmap", Show);

    private static async Task<IResult> Show([AsParameters] SitePage page, Roadmap roadmap, TimeProvider clock, IdeaLabels labels)
    {
        var now = clock.GetUtcNow();
        var culture = page.Culture;
        var basePath = page.BasePath;
        var stages = await roadmap.ForSiteAsync(page.Tenant.Id, page.Aborted);
        var model = new RoadmapPage(
            Frame: page.Frame(page.Words("title.roadmap")),
            Stages: stages.Select(s => new RoadmapStageView(
                Key: s.Stage.Key(),
                Name: page.Words("roadmap." + s.Stage.Key()),
                Meaning: page.Words("roadmap." + s.Stage.Key() + ".meaning"),
                CountLabel: page.Words("count.big-ideas", s.BigIdeas.Count) + ", " + page.Words("challenge.ideas", s.Ideas.Count),
                IsEmpty: s.BigIdeas.Count == 0 && s.Ideas.Count == 0,
                BigIdeas: s.BigIdeas.Select(b => new RoadmapBigIdeaView(
                    Title: b.BigIdea.Title,
                    Summary: Views.Text(b.BigIdea.Summary),
                    Url: $"{basePath}/big-ideas/{b.BigIdea.Id}",
                    ChallengeTitle: b.Challenge.Title,
                    ThemeCountLabel: page.Words("count.themes", b.BigIdea.ThemeIds.Count))).ToList(),
                Ideas: s.Ideas.Select(i => Views.Idea(i, basePath, now, culture, 0, labels.For(page.Tenant, i, culture))).ToList())).ToList());
        return new ThemedPage("roadmap", model);
    }
}
