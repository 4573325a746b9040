using System.Globalization;
using Engine.Core.Caching;
using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.BigIdeas;
using Engine.Core.Following;
using Engine.Core.Stats;
using Engine.Core.Votes;
using Engine.Themes.Pages;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

public static class ChallengePages
{
    public static void MapChallengePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/challenges/{slug}", Show).WithMetadata(new KeptForMembers(KeptShellAsync));
        app.MapGet("/challenges/{slug}/ideas/new", NewIdea);
        app.MapPost("/challenges/{slug}/ideas", PostIdea).RequireRateLimiting(Hosting.RateLimits.Writes)
            .WithMetadata(new RequestSizeLimitAttribute(Images.ImageForm.RequestLimit));
    }

    private static readonly IdeaSort[] SortTabs = [IdeaSort.Top, IdeaSort.New, IdeaSort.Trending, IdeaSort.Discussed];

    // A member's own votes: any vote may change them.
    private sealed record MyVotesInChallenge(string TenantId, long MemberId, long ChallengeId) : CacheKey<IReadOnlyDictionary<long, int>>(TenantId);

    private sealed record ChallengeThemed(string TenantId, long ChallengeId) : CacheKey<bool>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    private static async Task<IResult> Show([AsParameters] SitePage page, string slug, string? sort, [FromQuery(Name = "page")] int? pageNumber,
        OpenChallenge open, ListIdeas ideas, IVoteStore votes, CastVote castVote, TimeProvider clock, PageCache cache, EngineCache kept,
        IStatsQuery stats, IThemingStore theming, IFollowStore follows, IdeaLabels labels)
    {
        var context = page.Context;
        // Before anything is read: the tickets remember which version of the data this page shows.
        var ticket = cache.For(context);
        if (ticket?.Hit() is { } cached) return cached;
        // A member's kept shell was looked for before the endpoint (KeptShellAsync): here the page is written, and its shell kept.
        var members = cache.ShellFor(context);
        var tenant = page.Tenant;
        var found = await open.FindKeptAsync(tenant.Id, slug, context.RequestAborted);
        if (!found.Succeeded) return page.NotFound();
        var challenge = found.Value!;
        var member = new MemberParts(page, challenge, open, votes, castVote, follows, kept);

        var parsed = IdeaSorts.Parse(sort);
        var number = pageNumber ?? 1;
        var form = Core.IdeaForms.IdeaForm.For(tenant, challenge.Slug);
        var filter = Core.IdeaForms.IdeaFilter.Parse(form, context.Request.Query.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())));
        if (!parsed.Succeeded || !filter.Succeeded || IdeaSorts.CheckPaging(number, IdeaSorts.DefaultPageSize) is not null)
            return page.Message(400, page.Words("message.no-such-list"), page.Words("message.no-such-list-text"));

        var list = await ideas.PageAsync(tenant, challenge, parsed.Value, number, IdeaSorts.DefaultPageSize, context.RequestAborted, filter.Value);
        var now = clock.GetUtcNow();
        var culture = page.Culture;
        var basePath = page.BasePath;
        var url = $"{basePath}/challenges/{slug}";
        var sortName = parsed.Value.Name();
        // Sorting and paging keep the filter: its state is all in the URL.
        var filtered = filter.Value!.IsEmpty ? "" : "&" + filter.Value.Query;
        var numbers = await stats.ForChallengeAsync(tenant.Id, challenge.Id, context.RequestAborted);
        var themed = await kept.GetAsync(new ChallengeThemed(tenant.Id, challenge.Id), async ct => (await theming.ThemesAsync(tenant.Id, challenge.Id, ct)).Count > 0,
            context.RequestAborted);

        // As a visitor sees it: a member's own parts (their votes, follow button, allowance) are added apart.
        var shared = new ChallengePage(
            Frame: page.SharedFrame(challenge.Title, challengeSlug: challenge.Slug),
            Challenge: Views.Challenge(challenge, basePath, now, culture),
            Ideas: list.Items.Select(i => Views.Idea(i, basePath, now, culture, myVote: 0, labels.For(tenant, i, culture))).ToList(),
            Total: list.Total,
            Allowance: null,
            Sorts: SortTabs.Select(s => new SortTab(page.Words("sort." + s.Name()), $"{url}?sort={s.Name()}{filtered}", s == parsed.Value)).ToList(),
            Pagination: new PaginationView(
                Page: list.Page,
                PageCount: list.PageCount,
                PreviousUrl: list.Page > 1 ? $"{url}?sort={sortName}{filtered}&page={list.Page - 1}" : null,
                NextUrl: list.Page < list.PageCount ? $"{url}?sort={sortName}{filtered}&page={list.Page + 1}" : null),
            Follow: null,
            Stats: Views.Stats(numbers, page.Words("numbers.site", challenge.Title)),
            ThemedUrl: themed ? $"{url}/big-ideas" : null,
            Filters: IdeaFormViews.Filters(form, filter.Value, url, sortName, list.Withheld, culture));
        if (context.User.Identity?.IsAuthenticated != true) return new ThemedPage("challenge", shared) { CacheAs = ticket };
        // A member's page no shell is kept for (a filtered list, say) is written whole, still with their own parts.
        return await member.PageAsync(shared, members is null ? null : new SharedPage(members, null, shared));
    }

    /// <summary>
    /// A signed-in member's page from the shell kept for every member, with only their own parts written; null when no shell
    /// is kept or the challenge is not there for them (the endpoint then answers). Served before authorization, rate
    /// limiting and binding (<see cref="KeptPages.UseKeptMemberPages"/>), which this page has none of.
    /// </summary>
    private static async Task<IResult?> KeptShellAsync(HttpContext context)
    {
        var services = context.RequestServices;
        // Before anything is read, as in Show: the ticket remembers which version of the data the shell must be of.
        if (services.GetRequiredService<PageCache>().ShellFor(context) is not { } members
            || context.Request.RouteValues["slug"] is not string slug) return null;
        var page = SitePage.Of(context);
        var open = services.GetRequiredService<OpenChallenge>();
        var found = await open.FindKeptAsync(page.Tenant.Id, slug, context.RequestAborted);
        if (!found.Succeeded || members.Hit() is not { } shell) return null;
        var member = new MemberParts(page, found.Value!, open, services.GetRequiredService<IVoteStore>(), services.GetRequiredService<CastVote>(),
            services.GetRequiredService<IFollowStore>(), services.GetRequiredService<EngineCache>());
        return await member.PageAsync((ChallengePage)shell.Model, new SharedPage(members, shell, null));
    }

    /// <summary>What is a signed-in member's own on a challenge's page: their votes, their allowance, their follow button, their frame.</summary>
    private sealed record MemberParts(SitePage Page, Challenge Challenge, OpenChallenge Open, IVoteStore Votes, CastVote CastVote, IFollowStore Follows,
        EngineCache Kept)
    {
        public async Task<IResult> PageAsync(ChallengePage shared, SharedPage? sharing)
        {
            var (context, tenant) = (Page.Context, Page.Tenant);
            if (context.User.MemberId() is not { } id) return new ThemedPage("challenge", shared with { Frame = Page.Personal(shared.Frame) });
            // One read gives both the marks on this page and what the voting rule needs for the allowance.
            var mine = await Kept.GetAsync(new MyVotesInChallenge(tenant.Id, id, Challenge.Id),
                ct => Votes.MyVotesInChallengeAsync(tenant.Id, id, Challenge.Id, ct), context.RequestAborted);
            var model = shared with
            {
                Frame = Page.Personal(shared.Frame),
                Allowance = Open.TakesContributions(Challenge) ? Views.Text(Languages.RuleWords.Of(CastVote.Allowance(tenant, Challenge, mine), Page.Culture)) : null,
                Follow = await FollowPages.ButtonAsync(context, Follows, Kept, FollowKind.Challenge, Challenge.Id,
                    $"{Page.BasePath}/challenges/{Challenge.Slug}/follow", "challenge"),
            };
            return new ThemedPage("challenge", model) { Shared = sharing, Personal = new MyVotes(mine) };
        }
    }

    private static async Task<IResult> NewIdea([AsParameters] SitePage page, string slug, OpenChallenge open)
    {
        var context = page.Context;
        if (context.User.MemberId() is null) return page.SignInFirst();
        var found = await open.FindAsync(page.Tenant.Id, slug, context.RequestAborted);
        if (!found.Succeeded) return page.NotFound();
        var challenge = found.Value!;
        if (!open.TakesContributions(challenge))
            return page.Message(403, page.Words("message.challenge-closed"), page.Words("message.challenge-closed-text", challenge.Title));
        return IdeaForm(page, challenge, new IdeaForm(null, null, false), null);
    }

    private static async Task<IResult> PostIdea([AsParameters] SitePage page, string slug, [FromForm] string? title, [FromForm] string? body,
        [FromForm] bool? anonymous, [FromForm] string? language, [FromForm] string? category, PostIdea post, OpenChallenge open)
    {
        var context = page.Context;
        if (context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var tenant = page.Tenant;
        var fields = IdeaFormViews.Posted(await context.Request.ReadFormAsync(context.RequestAborted));
        // The images are read (decoded and copied) before the idea is posted: a refused image stores nothing, the idea included.
        var images = await Images.ImageForm.ReadAsync(context.Request, context.RequestAborted);
        var outcome = !images.Succeeded ? images.Error! : await post.HandleAsync(tenant, slug, memberId, title, body, anonymous == true, context.RequestAborted,
            language ?? Core.Tenancy.ContentLanguage.OfPage(tenant, page.Culture.Name), category, fields, images.Value);
        if (outcome.Succeeded && outcome.Value!.State == Core.Moderation.ModerationState.Held)
            return page.Message(StatusCodes.Status202Accepted, page.Words("message.idea-received"), page.Words("message.held"));
        if (outcome.Succeeded) return Results.Redirect($"{context.Request.PathBase}/ideas/{outcome.Value!.Id}");

        var challenge = await open.FindAsync(tenant.Id, slug, context.RequestAborted);
        if (!challenge.Succeeded || outcome.Error!.Kind == Core.Common.ErrorKind.NotFound) return page.NotFound();
        // Whatever was typed goes back into the form: nothing a person wrote is lost to a validation error.
        return IdeaForm(page, challenge.Value!, new IdeaForm(Views.Text(title), Views.Text(body), anonymous == true, language), outcome.Error, 400,
            category, fields);
    }

    private static ThemedPage IdeaForm(SitePage page, Challenge challenge, IdeaForm form, Core.Common.Error? error, int status = 200,
        string? category = null, IReadOnlyDictionary<string, string?>? fields = null)
    {
        var basePath = page.BasePath;
        var shown = Views.Error(error, page.Culture);
        var model = new NewIdeaPage(
            Frame: page.Frame(page.Words("title.new-idea", challenge.Title), hasForms: true, challengeSlug: challenge.Slug, error: shown),
            Challenge: Views.Challenge(challenge, basePath, DateTimeOffset.UtcNow, page.Culture),
            Form: form,
            SimilarUrl: $"{basePath}/api/v1/challenges/{challenge.Slug}/similar-ideas",
            Errors: FieldErrors.Of(shown),
            Languages: Languages.LanguageChoice.Options(page.Context, form.Language),
            Fields: IdeaFormViews.Inputs(Core.IdeaForms.IdeaForm.For(page.Tenant, challenge.Slug), category, fields ?? new Dictionary<string, string?>(), shown, page.Culture));
        return new ThemedPage("new-idea", model, status);
    }
}
