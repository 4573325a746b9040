using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Email;
using Engine.Core.Following;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engine.Web.Api;

/// <summary>Following ideas and challenges, a member's email preferences, and admins' updates to members.</summary>
public static class EmailApi
{
    public sealed record FollowResponse(bool Following);
    public sealed record FollowsResponse(IReadOnlyList<long> Ideas, IReadOnlyList<string> Challenges);
    /// <param name="Digest">none, daily or weekly.</param>
    public sealed record PreferencesBody(bool Replies, bool StatusChanges, bool OfficialResponses, bool AdminUpdates, string? Digest);
    /// <param name="Challenge">A challenge's slug: only the members who took part in it; leave out for every member.</param>
    public sealed record UpdateRequest(string? Subject, string? Body, string? Challenge);
    public sealed record UpdateResponse(int Recipients, int Audience);

    public static void MapEmailApi(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/").RequireAuthorization().AddEndpointFilter<CookieAntiforgery>().RequireRateLimiting(Hosting.RateLimits.Writes).WithTags("Following");

        members.MapPut("/ideas/{id:long}/follow", (HttpContext context, long id, Follow follow) => SetIdea(context, id, true, follow))
            .Refuses(ErrorKind.NotFound).WithSummary("Follow an idea: hear when it moves along the roadmap or gets an official response.");
        members.MapDelete("/ideas/{id:long}/follow", (HttpContext context, long id, Follow follow) => SetIdea(context, id, false, follow))
            .Refuses(ErrorKind.NotFound).WithSummary("Stop following an idea.");
        members.MapPut("/challenges/{slug}/follow", (HttpContext context, string slug, Follow follow) => SetChallenge(context, slug, true, follow))
            .Refuses(ErrorKind.NotFound).WithSummary("Follow a challenge: its new ideas and comments come in your digest.");
        members.MapDelete("/challenges/{slug}/follow", (HttpContext context, string slug, Follow follow) => SetChallenge(context, slug, false, follow))
            .Refuses(ErrorKind.NotFound).WithSummary("Stop following a challenge.");

        members.MapGet("/account/follows", async (HttpContext context, IFollowStore follows, IChallengeStore challenges) =>
        {
            var tenantId = context.Tenant().Id;
            var followed = await follows.FollowedByAsync(tenantId, context.User.MemberId()!.Value, context.RequestAborted);
            var slugs = (await challenges.ListAsync(tenantId, context.RequestAborted)).Where(c => followed.ChallengeIds.Contains(c.Id)).Select(c => c.Slug).ToList();
            return TypedResults.Ok(new FollowsResponse(followed.IdeaIds, slugs));
        }).WithSummary("The ideas and challenges you follow.");

        members.MapGet("/account/email-preferences", async (HttpContext context, IEmailStore store) =>
            TypedResults.Ok(Body(await store.PreferencesAsync(context.Tenant().Id, context.User.MemberId()!.Value, context.RequestAborted))))
            .WithSummary("Which emails you get.");
        members.MapPut("/account/email-preferences", async Task<Results<Ok<PreferencesBody>, Refusal>> (HttpContext context, PreferencesBody request, IEmailStore store, TimeProvider clock) =>
        {
            if (!EmailKinds.TryParse(request.Digest, out DigestFrequency digest))
                return ApiResults.Problem(Core.Common.Error.Invalid("digest", "digest must be none, daily or weekly.").Keyed("error.digest-api"));
            var preferences = new EmailPreferences(request.Replies, request.StatusChanges, request.OfficialResponses, request.AdminUpdates, digest);
            await store.SavePreferencesAsync(context.Tenant().Id, context.User.MemberId()!.Value, preferences, clock.GetUtcNow(), context.RequestAborted);
            return TypedResults.Ok(Body(preferences));
        }).Refuses(ErrorKind.Validation).WithSummary("Choose which emails you get.");

        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.Admin).AddEndpointFilter<CookieAntiforgery>().WithTags("Admin");
        admin.MapPost("/updates", async (HttpContext context, UpdateRequest request, AdminUpdates updates) =>
            ApiResults.From(await updates.SendAsync(context.Tenant(), context.User.MemberId()!.Value, request.Subject, request.Body, request.Challenge, context.RequestAborted),
                sent => TypedResults.Accepted((string?)null, new UpdateResponse(sent.Recipients, sent.Audience))))
            .Refuses(ErrorKind.Validation).WithSummary("Email an update to every member, or to those who took part in one challenge (only members who want news and confirmed their address). Audited.");
    }

    private static PreferencesBody Body(EmailPreferences p) => new(p.Replies, p.StatusChanges, p.OfficialResponses, p.AdminUpdates, p.Digest.Key());

    private static async Task<Results<Ok<FollowResponse>, Refusal>> SetIdea(HttpContext context, long id, bool on, Follow follow) =>
        ApiResults.From(await follow.IdeaAsync(context.Tenant().Id, id, context.User.MemberId()!.Value, on, context.RequestAborted), f => TypedResults.Ok(new FollowResponse(f)));

    private static async Task<Results<Ok<FollowResponse>, Refusal>> SetChallenge(HttpContext context, string slug, bool on, Follow follow) =>
        ApiResults.From(await follow.ChallengeAsync(context.Tenant().Id, slug, context.User.MemberId()!.Value, on, context.RequestAborted), f => TypedResults.Ok(new FollowResponse(f)));
}
