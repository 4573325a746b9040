using System.Globalization;
using Engine.Core.BigIdeas;
using Engine.Core.Challenges;
using Engine.Core.Ideas;
using Engine.Themes.Pages;

namespace Engine.Web.Site;

/// <summary>
/// What a challenge became: a page per big idea with its themes and every source idea, and a page listing a
/// challenge's big ideas and themes. Source ideas come from the public idea store, so an idea posted
/// anonymously shows no author here either, and held ideas do not show at all.
/// </summary>
public static class BigIdeaPages
{
    public static void MapBigIdeaPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/big-ideas/{id:long}", ShowBigIdea);
        app.MapGet("/challenges/{slug}/big-ideas", ShowChallenge);
    }

    private static async Task<IResult> ShowBigIdea([AsParameters] SitePage page, long id, IThemingStore theming, OpenChallenge open,
        IIdeaStore ideas, TimeProvider clock, IdeaLabels labels)
    {
        var tenant = page.Tenant;
        var bigIdea = await theming.FindBigIdeaAsync(tenant.Id, id, page.Aborted);
        if (bigIdea is null) return page.NotFound();
        var visible = await open.FindByIdAsync(tenant.Id, bigIdea.ChallengeId, page.Aborted);
        if (!visible.Succeeded) return page.NotFound();
        var challenge = visible.Value!;
        var now = clock.GetUtcNow();
        var all = await theming.ThemesAsync(tenant.Id, challenge.Id, page.Aborted);
        var themes = all.Where(t => t.BigIdeaId == bigIdea.Id).ToList();
        var view = new Viewer(page, now, labels);
        var found = await IdeasAsync(ideas, tenant.Id, themes, page.Aborted);
        var sources = themes.SelectMany(t => t.IdeaIds).Distinct().Count(found.ContainsKey);

        var model = new BigIdeaPage(
            Frame: page.Frame(bigIdea.Title, challengeSlug: challenge.Slug),
            Challenge: Views.Challenge(challenge, view.BasePath, now, view.Culture),
            BigIdea: view.BigIdea(bigIdea, withDescription: true),
            Themes: themes.Select(t => view.Theme(t, found, null)).ToList(),
            SourceCountLabel: page.Words("count.source-ideas", sources),
            OverviewUrl: view.OverviewUrl(challenge));
        return new ThemedPage("big-idea", model);
    }

    private static async Task<IResult> ShowChallenge([AsParameters] SitePage page, string slug, IThemingStore theming, OpenChallenge open,
        IIdeaStore ideas, TimeProvider clock, IdeaLabels labels)
    {
        var tenant = page.Tenant;
        var visible = await open.FindAsync(tenant.Id, slug, page.Aborted);
        if (!visible.Succeeded) return page.NotFound();
        var challenge = visible.Value!;
        var now = clock.GetUtcNow();
        var themes = await theming.ThemesAsync(tenant.Id, challenge.Id, page.Aborted);
        var bigIdeas = await theming.BigIdeasAsync(tenant.Id, challenge.Id, page.Aborted);
        var view = new Viewer(page, now, labels);
        var found = await IdeasAsync(ideas, tenant.Id, themes, page.Aborted);

        var model = new BigIdeasPage(
            Frame: page.Frame(page.Words("title.big-ideas", challenge.Title), challengeSlug: challenge.Slug),
            Challenge: Views.Challenge(challenge, view.BasePath, now, view.Culture),
            BigIdeas: bigIdeas.Select(b => view.BigIdea(b, withDescription: false)).ToList(),
            Themes: themes.Select(t => view.Theme(t, found, bigIdeas.FirstOrDefault(b => b.Id == t.BigIdeaId))).ToList());
        return new ThemedPage("big-ideas", model);
    }

    private static async Task<Dictionary<long, Idea>> IdeasAsync(IIdeaStore ideas, string tenantId, IEnumerable<IdeaTheme> themes, CancellationToken ct) =>
        (await ideas.FindManyAsync(tenantId, themes.SelectMany(t => t.IdeaIds).Distinct().ToList(), ct)).ToDictionary(i => i.Id);

    private sealed class Viewer(SitePage page, DateTimeOffset now, IdeaLabels labels)
    {
        public string BasePath { get; } = page.BasePath;
        public CultureInfo Culture { get; } = page.Culture;

        public string OverviewUrl(Challenge c) => $"{BasePath}/challenges/{c.Slug}/big-ideas";

        public BigIdeaView BigIdea(BigIdea b, bool withDescription) => new(
            Id: b.Id,
            Title: b.Title,
            Summary: Views.Text(b.Summary),
            DescriptionHtml: withDescription && b.Description.Length > 0 ? Views.Markdown(b.Description) : null,
            Url: $"{BasePath}/big-ideas/{b.Id}",
            ThemeCountLabel: page.Words("count.themes", b.ThemeIds.Count));

        public IdeaThemeView Theme(IdeaTheme t, IReadOnlyDictionary<long, Idea> ideas, BigIdea? bigIdea) => new(
            Id: t.Id,
            Title: t.Title,
            Summary: Views.Text(t.Summary),
            BigIdea: bigIdea is null ? null : new LinkView(bigIdea.Title, $"{BasePath}/big-ideas/{bigIdea.Id}"),
            Ideas: t.IdeaIds.Where(ideas.ContainsKey).Select(id => Views.Idea(ideas[id], BasePath, now, Culture, 0, labels.For(page.Tenant, ideas[id], Culture))).ToList());
    }
}
