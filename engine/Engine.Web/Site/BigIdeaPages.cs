using System.Globalization;
using Engine.Core.BigIdeas;
using Engine.Core.Challenges;
using Engine.Core.Ideas;
using Engine.Core.Text;
using Engine.Web.Tenancy;
using Humanizer;

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

    private static async Task<IResult> ShowBigIdea(HttpContext context, long id, IThemingStore theming, IChallengeStore challenges,
        IIdeaStore ideas, TimeProvider clock)
    {
        var tenant = context.Tenant();
        var bigIdea = await theming.FindBigIdeaAsync(tenant.Id, id, context.RequestAborted);
        var challenge = bigIdea is null ? null : await challenges.FindByIdAsync(tenant.Id, bigIdea.ChallengeId, context.RequestAborted);
        var now = clock.GetUtcNow();
        if (bigIdea is null || challenge is null || !challenge.IsVisibleAt(now)) return PageModel.NotFound(context);
        var all = await theming.ThemesAsync(tenant.Id, challenge.Id, context.RequestAborted);
        var themes = all.Where(t => t.BigIdeaId == bigIdea.Id).ToList();
        var view = new Viewer(context, tenant.Locale, now);
        var found = await IdeasAsync(ideas, tenant.Id, themes, context.RequestAborted);

        var model = PageModel.For(context, bigIdea.Title, challengeSlug: challenge.Slug);
        model["challenge"] = Views.Challenge(challenge, view.BasePath, now, view.Culture);
        model["bigIdea"] = view.BigIdea(bigIdea, withDescription: true);
        model["themes"] = themes.Select(t => view.Theme(t, found, null)).ToList();
        var sources = themes.SelectMany(t => t.IdeaIds).Distinct().Count(found.ContainsKey);
        model["sourceCountLabel"] = "source idea".ToQuantity(sources);
        model["overviewUrl"] = view.OverviewUrl(challenge);
        return new ThemedPage("big-idea", model);
    }

    private static async Task<IResult> ShowChallenge(HttpContext context, string slug, IThemingStore theming, IChallengeStore challenges,
        IIdeaStore ideas, TimeProvider clock)
    {
        var tenant = context.Tenant();
        var challenge = await challenges.FindBySlugAsync(tenant.Id, slug, context.RequestAborted);
        var now = clock.GetUtcNow();
        if (challenge is null || !challenge.IsVisibleAt(now)) return PageModel.NotFound(context);
        var themes = await theming.ThemesAsync(tenant.Id, challenge.Id, context.RequestAborted);
        var bigIdeas = await theming.BigIdeasAsync(tenant.Id, challenge.Id, context.RequestAborted);
        var view = new Viewer(context, tenant.Locale, now);
        var found = await IdeasAsync(ideas, tenant.Id, themes, context.RequestAborted);

        var model = PageModel.For(context, $"Themes and big ideas: {challenge.Title}", challengeSlug: challenge.Slug);
        model["challenge"] = Views.Challenge(challenge, view.BasePath, now, view.Culture);
        model["bigIdeas"] = bigIdeas.Select(b => view.BigIdea(b, withDescription: false)).ToList();
        model["themes"] = themes.Select(t => view.Theme(t, found, bigIdeas.FirstOrDefault(b => b.Id == t.BigIdeaId))).ToList();
        return new ThemedPage("big-ideas", model);
    }

    private static async Task<Dictionary<long, Idea>> IdeasAsync(IIdeaStore ideas, string tenantId, IEnumerable<IdeaTheme> themes, CancellationToken ct) =>
        (await ideas.FindManyAsync(tenantId, themes.SelectMany(t => t.IdeaIds).Distinct().ToList(), ct)).ToDictionary(i => i.Id);

    private sealed class Viewer(HttpContext context, string locale, DateTimeOffset now)
    {
        public string BasePath { get; } = context.Request.PathBase.Value ?? "";
        public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(locale);

        public string OverviewUrl(Challenge c) => $"{BasePath}/challenges/{c.Slug}/big-ideas";

        public object BigIdea(BigIdea b, bool withDescription) => new
        {
            id = b.Id,
            title = b.Title,
            summary = b.Summary,
            descriptionHtml = withDescription && b.Description.Length > 0 ? SafeMarkdown.ToHtml(b.Description) : null,
            url = $"{BasePath}/big-ideas/{b.Id}",
            themeCountLabel = "theme".ToQuantity(b.ThemeIds.Count),
        };

        public object Theme(IdeaTheme t, IReadOnlyDictionary<long, Idea> ideas, BigIdea? bigIdea) => new
        {
            id = t.Id,
            title = t.Title,
            summary = t.Summary,
            bigIdea = bigIdea is null ? null : new { title = bigIdea.Title, url = $"{BasePath}/big-ideas/{bigIdea.Id}" },
            ideas = t.IdeaIds.Where(ideas.ContainsKey).Select(id => Views.Idea(ideas[id], BasePath, now, Culture, 0)).ToList(),
        };
    }
}
