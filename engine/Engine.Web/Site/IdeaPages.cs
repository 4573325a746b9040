using System.Globalization;
using System.Security.Claims;
using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Votes;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

public static class IdeaPages
{
    public static void MapIdeaPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ideas/{id:long}", Show);
        app.MapPost("/ideas/{id:long}/vote", Vote).RequireRateLimiting(Hosting.RateLimits.Writes);
        app.MapPost("/ideas/{id:long}/comments", Comment).RequireRateLimiting(Hosting.RateLimits.Writes);
        app.MapPost("/ideas/{id:long}/report", (HttpContext context, long id, [FromForm] string? reason, ReportContent report) =>
            Report(context, Engine.Sdk.ContributionKind.Idea, id, reason, report)).RequireRateLimiting(Hosting.RateLimits.Writes);
        app.MapPost("/comments/{id:long}/report", (HttpContext context, long id, [FromForm] string? reason, ReportContent report) =>
            Report(context, Engine.Sdk.ContributionKind.Comment, id, reason, report)).RequireRateLimiting(Hosting.RateLimits.Writes);
    }

    private static async Task<IResult> Show(HttpContext context, long id, OpenIdea openIdea, ICommentStore comments, IVoteStore votes,
        CastVote castVote, TimeProvider clock) =>
        await Render(context, id, openIdea, comments, votes, clock, null, null, castVote);

    /// <summary>Votes without script: a plain form post, then back to the page the member was on.</summary>
    private static async Task<IResult> Vote(HttpContext context, long id, [FromForm] int value, [FromForm] string? returnUrl,
        CastVote castVote, OpenIdea openIdea, ICommentStore comments, IVoteStore votes, TimeProvider clock)
    {
        if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
        var tenant = context.Tenant();
        var outcome = value == 0
            ? await castVote.RemoveAsync(tenant, id, memberId, context.RequestAborted)
            : await castVote.CastAsync(tenant, id, memberId, value, context.RequestAborted);
        if (outcome.Succeeded) return Results.Redirect(PageModel.LocalUrl(context, returnUrl));
        // The page that explains a refused vote keeps the allowance: under a budget it is usually the reason.
        return await Render(context, id, openIdea, comments, votes, clock, outcome.Error, null, castVote);
    }

    private static async Task<IResult> Comment(HttpContext context, long id, [FromForm] string? body, [FromForm] bool? anonymous,
        [FromForm] long? parentId, [FromForm] bool? official, PostComment post, OpenIdea openIdea, ICommentStore comments, IVoteStore votes, TimeProvider clock,
        CastVote castVote)
    {
        if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
        var outcome = await post.HandleAsync(context.Tenant(), id, memberId, body, anonymous == true, parentId, context.RequestAborted,
            official == true, context.User.FindFirstValue(ClaimTypes.Role) ?? Core.Members.Roles.Member);
        if (outcome.Succeeded && outcome.Value!.State == Core.Moderation.ModerationState.Held)
            return PageModel.Message(context, StatusCodes.Status202Accepted, "Your comment has been received", Api.ChallengesApi.HeldMessage);
        if (outcome.Succeeded) return Results.Redirect($"{context.Request.PathBase}/ideas/{id}#comment-{outcome.Value!.Id}");
        return await Render(context, id, openIdea, comments, votes, clock, outcome.Error, new { body, anonymous = anonymous == true, parentId }, castVote);
    }

    /// <summary>Reporting without script: a plain form, then a page that says what happens next.</summary>
    private static async Task<IResult> Report(HttpContext context, Engine.Sdk.ContributionKind kind, long id, string? reason, ReportContent report)
    {
        if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
        var outcome = await report.HandleAsync(context.Tenant(), kind, id, memberId, reason, context.RequestAborted);
        if (!outcome.Succeeded) return outcome.Error!.Kind == ErrorKind.NotFound ? PageModel.NotFound(context)
            : PageModel.Message(context, 400, "We could not take that report", outcome.Error.Message);
        return PageModel.Message(context, 200, "Thank you for your report",
            outcome.Value!.Hidden ? "It has been taken off the site until a moderator has looked at it." : "A moderator will look at it.");
    }

    private static async Task<IResult> Render(HttpContext context, long id, OpenIdea openIdea, ICommentStore comments,
        IVoteStore votes, TimeProvider clock, Error? error, object? commentForm, CastVote castVote)
    {
        var tenant = context.Tenant();
        var found = await openIdea.FindAsync(tenant.Id, id, context.RequestAborted);
        if (!found.Succeeded) return PageModel.NotFound(context);
        var (idea, challenge) = found.Value;
        var now = clock.GetUtcNow();
        var culture = CultureInfo.GetCultureInfo(tenant.Locale);
        var basePath = context.Request.PathBase.Value ?? "";
        var myVote = context.User.MemberId() is { } memberId
            ? (await votes.MyVotesAsync(tenant.Id, memberId, [id], context.RequestAborted)).GetValueOrDefault(id)
            : 0;

        var model = PageModel.For(context, idea.Title, challengeSlug: challenge.Slug);
        model["idea"] = Views.Idea(idea, basePath, now, culture, myVote, withBody: true);
        // A merged idea takes no votes or comments: its challenge reads as closed to it, so no theme shows the forms.
        model["challenge"] = Views.Challenge(idea.MergedInto is null ? challenge : challenge with { State = Core.Challenges.ChallengeState.Closed }, basePath, now, culture);
        await IdeaLinks.AddAsync(context, model, idea, challenge, basePath);
        model["comments"] = Views.CommentThreads(await comments.ListForIdeaAsync(tenant.Id, id, context.RequestAborted), now, culture);
        model["commentUrl"] = $"{basePath}/ideas/{id}/comments";
        model["follow"] = await FollowPages.ButtonAsync(context, Core.Following.FollowKind.Idea, id, $"{basePath}/ideas/{id}/follow", "idea");
        model["allowance"] = context.User.MemberId() is { } member && challenge.AcceptsContributionsAt(now) && idea.MergedInto is null
            ? await castVote.AllowanceAsync(tenant, challenge, member, context.RequestAborted) : null;
        // A closed challenge takes no more comments, but the team still answers what was posted while it ran.
        model["answerOnly"] = idea.MergedInto is null && challenge.StateAt(now) == Core.Challenges.ChallengeState.Closed
            && Core.Members.Roles.Team.Contains(context.User.FindFirstValue(ClaimTypes.Role) ?? "");
        model["commentForm"] = commentForm ?? new { body = "", anonymous = false, parentId = (long?)null };
        model["error"] = error is null ? null : new { field = error.Field, message = error.Message };
        model["errors"] = ChallengePages.FieldErrors(error);
        var status = error is null ? 200 : error.Kind == ErrorKind.Validation ? 400 : 403;
        return new ThemedPage("idea", model, status);
    }
}
