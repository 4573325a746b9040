using System.Globalization;
using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Votes;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

public static class ChallengePages
{
    public static void MapChallengePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/challenges/{slug}", Show);
        app.MapGet("/challenges/{slug}/ideas/new", NewIdea);
        app.MapPost("/challenges/{slug}/ideas", PostIdea).RequireRateLimiting(Hosting.RateLimits.Writes);
    }

    private static readonly (IdeaSort Sort, string Label)[] SortTabs =
        [(IdeaSort.Top, "Top"), (IdeaSort.New, "Newest"), (IdeaSort.Trending, "Trending"), (IdeaSort.Discussed, "Most discussed")];

    private static async Task<IResult> Show(HttpContext context, string slug, string? sort, int? page,
        IChallengeStore challenges, ListIdeas ideas, IVoteStore votes, CastVote castVote, TimeProvider clock, PageCache cache, KeptReads kept)
    {
        // Before anything is read: the ticket remembers which version of the data this page shows.
        var ticket = cache.For(context);
        if (ticket?.Hit() is { } cached) return cached;
        var tenant = context.Tenant();
        var now = clock.GetUtcNow();
        var challenge = await kept.GetAsync(tenant.Id, ("challenge", slug), ct => challenges.FindBySlugAsync(tenant.Id, slug, ct), context.RequestAborted,
            unchangedByVotes: true);
        if (challenge is null || !challenge.IsVisibleAt(now)) return PageModel.NotFound(context);
        var parsed = IdeaSorts.Parse(sort);
        var pageNumber = page ?? 1;
        if (!parsed.Succeeded || IdeaSorts.CheckPaging(pageNumber, IdeaSorts.DefaultPageSize) is not null)
            return PageModel.Message(context, 400, "Sorry, that list does not exist", "Choose a sort order from the challenge page.");

        var list = await ideas.PageAsync(tenant, challenge, parsed.Value, pageNumber, IdeaSorts.DefaultPageSize, context.RequestAborted);
        var memberId = context.User.MemberId();
        // One read gives both the marks on this page and what the voting rule needs for the allowance.
        var mine = memberId is { } id
            ? await kept.GetAsync(tenant.Id, ("votes", id, challenge.Id), ct => votes.MyVotesInChallengeAsync(tenant.Id, id, challenge.Id, ct), context.RequestAborted)
            : new Dictionary<long, int>();
        var culture = CultureInfo.GetCultureInfo(tenant.Locale);
        var basePath = context.Request.PathBase.Value ?? "";
        var url = $"{basePath}/challenges/{slug}";
        var sortName = parsed.Value.Name();

        var model = PageModel.For(context, challenge.Title, challengeSlug: challenge.Slug);
        model["challenge"] = Views.Challenge(challenge, basePath, now, culture);
        model["ideas"] = list.Items.Select(i => Views.Idea(i, basePath, now, culture, mine.GetValueOrDefault(i.Id))).ToList();
        model["total"] = list.Total;
        model["allowance"] = memberId is not null && challenge.AcceptsContributionsAt(now) ? castVote.Allowance(tenant, challenge, mine) : null;
        model["sorts"] = SortTabs.Select(s => new { label = s.Label, url = $"{url}?sort={s.Sort.Name()}", current = s.Sort == parsed.Value }).ToList();
        model["pagination"] = new
        {
            page = list.Page,
            pageCount = list.PageCount,
            previousUrl = list.Page > 1 ? $"{url}?sort={sortName}&page={list.Page - 1}" : null,
            nextUrl = list.Page < list.PageCount ? $"{url}?sort={sortName}&page={list.Page + 1}" : null,
        };
        model["follow"] = await FollowPages.ButtonAsync(context, Core.Following.FollowKind.Challenge, challenge.Id, $"{url}/follow", "challenge");
        var numbers = await context.RequestServices.GetRequiredService<Core.Stats.IStatsQuery>().ForChallengeAsync(tenant.Id, challenge.Id, context.RequestAborted);
        model["stats"] = NumbersPages.View(numbers, $"{challenge.Title} in numbers");
        var theming = context.RequestServices.GetRequiredService<Core.BigIdeas.IThemingStore>();
        var themed = await kept.GetAsync(tenant.Id, ("themed", challenge.Id), async ct => (await theming.ThemesAsync(tenant.Id, challenge.Id, ct)).Count > 0,
            context.RequestAborted, unchangedByVotes: true);
        model["themedUrl"] = themed ? $"{url}/big-ideas" : null;
        return new ThemedPage("challenge", model) { CacheAs = ticket };
    }

    private static async Task<IResult> NewIdea(HttpContext context, string slug, IChallengeStore challenges, TimeProvider clock)
    {
        if (context.User.MemberId() is null) return SignInFirst(context);
        var challenge = await challenges.FindBySlugAsync(context.Tenant().Id, slug, context.RequestAborted);
        var now = clock.GetUtcNow();
        if (challenge is null || !challenge.IsVisibleAt(now)) return PageModel.NotFound(context);
        if (!challenge.AcceptsContributionsAt(now))
            return PageModel.Message(context, 403, "This challenge is closed", $"'{challenge.Title}' no longer takes new ideas.");
        return IdeaForm(context, challenge, new { title = "", body = "", anonymous = false }, null);
    }

    private static async Task<IResult> PostIdea(HttpContext context, string slug, [FromForm] string? title, [FromForm] string? body,
        [FromForm] bool? anonymous, PostIdea post, IChallengeStore challenges)
    {
        if (context.User.MemberId() is not { } memberId) return SignInFirst(context);
        var tenant = context.Tenant();
        var outcome = await post.HandleAsync(tenant, slug, memberId, title, body, anonymous == true, context.RequestAborted);
        if (outcome.Succeeded && outcome.Value!.State == Core.Moderation.ModerationState.Held)
            return PageModel.Message(context, StatusCodes.Status202Accepted, "Your idea has been received", Api.ChallengesApi.HeldMessage);
        if (outcome.Succeeded) return Results.Redirect($"{context.Request.PathBase}/ideas/{outcome.Value!.Id}");

        var challenge = await challenges.FindBySlugAsync(tenant.Id, slug, context.RequestAborted);
        if (challenge is null || outcome.Error!.Kind == Core.Common.ErrorKind.NotFound) return PageModel.NotFound(context);
        // Whatever was typed goes back into the form: nothing a person wrote is lost to a validation error.
        return IdeaForm(context, challenge, new { title, body, anonymous = anonymous == true }, outcome.Error, 400);
    }

    private static ThemedPage IdeaForm(HttpContext context, Challenge challenge, object form, Core.Common.Error? error, int status = 200)
    {
        var model = PageModel.For(context, $"Share an idea: {challenge.Title}", hasForms: true, challengeSlug: challenge.Slug);
        var basePath = context.Request.PathBase.Value ?? "";
        model["challenge"] = Views.Challenge(challenge, basePath, DateTimeOffset.UtcNow, CultureInfo.GetCultureInfo(context.Tenant().Locale));
        model["form"] = form;
        model["similarUrl"] = $"{basePath}/api/v1/challenges/{challenge.Slug}/similar-ideas";
        model["error"] = error is null ? null : new { field = error.Field, message = error.Message };
        model["errors"] = FieldErrors(error);
        return new ThemedPage("new-idea", model, status);
    }

    /// <summary>Errors by field name, so a template can show each beside its input.</summary>
    public static Dictionary<string, string> FieldErrors(Core.Common.Error? error) =>
        error is null ? [] : new() { [error.Field ?? "form"] = error.Message };

    public static IResult SignInFirst(HttpContext context) =>
        Results.Redirect($"{context.Request.PathBase}/account/signin?returnUrl={Uri.EscapeDataString(context.Request.PathBase + context.Request.Path)}");
}
