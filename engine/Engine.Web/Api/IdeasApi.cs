using System.Security.Claims;
using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Votes;
using Engine.Web.Accounts;
using Engine.Web.Languages;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engine.Web.Api;

public static class IdeasApi
{
    /// <param name="Official">An official response from the site's team.</param>
    /// <param name="EditedAt">When its author last edited it; null if never.</param>
    /// <param name="Language">The language it was written in (a culture such as cy-GB); null if written before languages were recorded.</param>
    public sealed record CommentResponse(long Id, long? ParentId, string Body, AuthorResponse? Author, bool Anonymous, DateTimeOffset CreatedAt, bool Official,
        string? Source = null, DateTimeOffset? EditedAt = null, string? Language = null);
    /// <param name="Language">The language it was written in (a culture such as cy-GB); null if written before languages were recorded.</param>
    /// <param name="Codes">The names of the codes analysts applied to it, on a site that makes its codes public; null on one that does not.</param>
    public sealed record IdeaResponse(long Id, string Challenge, string Title, string Body, AuthorResponse? Author, bool Anonymous,
        int Up, int Down, int CommentCount, IdeaStatus Status, string? StatusNote, DateTimeOffset CreatedAt, int MyVote, IReadOnlyList<CommentResponse> Comments,
        long? MergedInto = null, string? Source = null, DateTimeOffset? EditedAt = null, string? Label = null, string? Language = null,
        string? Category = null, IReadOnlyDictionary<string, string>? Fields = null, IReadOnlyList<string>? Codes = null);
    public sealed record VoteRequest(int Value);
    /// <param name="Allowance">What the member has left to give under the site's voting rule ("3 of 5 votes left"), if it limits them.</param>
    public sealed record VoteResponse(int Up, int Down, int MyVote, string? Allowance)
    {
        /// <summary>The allowance in the member's language, as the page would word it.</summary>
        public static VoteResponse Of(Core.Votes.VoteTally tally, HttpContext context) =>
            new(tally.Up, tally.Down, tally.MyVote, Languages.RuleWords.Of(tally.Allowance, Languages.LanguageChoice.Of(context)));
    }
    /// <param name="Language">The language it is written in, one of the site's ("cy" or "cy-GB"); the request's page language when left out.</param>
    public sealed record NewCommentRequest(string? Body, bool Anonymous, long? ParentId, bool Official = false, string? Language = null);

    private static CommentResponse Response(Comment k) =>
        new(k.Id, k.ParentId, k.Body, AuthorResponse.Of(k.Author), k.Anonymous, k.CreatedAt, k.Official, k.Source, k.EditedAt, k.Language);

    public static void MapIdeasApi(this RouteGroupBuilder api)
    {
        var ideas = api.MapGroup("/ideas").WithTags("Ideas");

        ideas.MapGet("/{id:long}", async Task<Results<Ok<IdeaResponse>, Refusal>> (HttpContext context, long id, ReadIdea read, IdeaLabels labels, Coding.PublicCodes codes) =>
        {
            var found = await read.FindAsync(context.Tenant().Id, id, context.User.MemberId(), context.RequestAborted);
            if (!found.Succeeded) return ApiResults.Problem(found.Error!);
            var (i, thread) = (found.Value!.Idea, found.Value);
            return TypedResults.Ok(new IdeaResponse(i.Id, thread.Challenge.Slug, i.Title, i.Body, AuthorResponse.Of(i.Author), i.Anonymous,
                i.Up, i.Down, i.CommentCount, i.Status, i.StatusNote, i.CreatedAt, thread.MyVote, thread.Comments.Select(Response).ToList(), i.MergedInto, i.Source, i.EditedAt,
                labels.For(context.Tenant(), i, Languages.LanguageChoice.Of(context)), i.Language, i.Answers.Category, i.Answers.Shown(i.Anonymous).Values,
                await codes.OnIdeaAsync(context.Tenant(), i.Id, context.RequestAborted)));
        }).Refuses(ErrorKind.NotFound).WithSummary("An idea with its comments.");

        var writes = ideas.MapGroup("/").RequireAuthorization().AddEndpointFilter<CookieAntiforgery>().RequireRateLimiting(Hosting.RateLimits.Writes);

        writes.MapPut("/{id:long}/vote", async (HttpContext context, long id, VoteRequest request, CastVote vote) =>
            ApiResults.From(await vote.CastAsync(context.Tenant(), id, context.User.MemberId()!.Value, request.Value, context.RequestAborted),
                t => TypedResults.Ok(VoteResponse.Of(t, context))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Forbidden, ErrorKind.Conflict)
            .WithSummary("Vote up (1) or down (-1). Voting the same way again changes nothing.");

        writes.MapDelete("/{id:long}/vote", async (HttpContext context, long id, CastVote vote) =>
            ApiResults.From(await vote.RemoveAsync(context.Tenant(), id, context.User.MemberId()!.Value, context.RequestAborted),
                t => TypedResults.Ok(VoteResponse.Of(t, context))))
            .Refuses(ErrorKind.NotFound, ErrorKind.Forbidden, ErrorKind.Conflict)
            .WithSummary("Take your vote back.");

        writes.MapPost("/{id:long}/comments", async Task<Results<Created<CommentResponse>, Accepted<HeldResponse>, Refusal>> (HttpContext context, long id, NewCommentRequest request, PostComment post, ICommentStore comments) =>
        {
            var outcome = await post.HandleAsync(context.Tenant(), id, context.User.MemberId()!.Value, request.Body, request.Anonymous,
                request.ParentId, context.RequestAborted, request.Official, context.User.FindFirstValue(ClaimTypes.Role) ?? Roles.Member,
                request.Language ?? LanguageChoice.Of(context).Name);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            if (outcome.Value!.State == ModerationState.Held)
                return TypedResults.Accepted((string?)null, HeldResponse.For(outcome.Value.Id));
            var k = (await comments.FindAsync(context.Tenant().Id, outcome.Value.Id, context.RequestAborted))!;
            return TypedResults.Created($"{context.Request.PathBase}/api/v1/ideas/{id}#comment-{k.Id}", Response(k));
        }).Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Forbidden, ErrorKind.Conflict).WithSummary("Comment on an idea, or reply to a top-level comment (parentId).");
    }
}
