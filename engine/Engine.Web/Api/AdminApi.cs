using Engine.Core.Administration;
using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Engine.Sdk;
using Engine.Web.Accounts;
using Engine.Web.Languages;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engine.Web.Api;

/// <summary>The admin area's API: settings, the moderation queue, members and roles, the audit log. Tenant staff only.</summary>
public static class AdminApi
{
    public sealed record SettingsRequest(bool AnonymousPosting, bool DownVotes);
    public sealed record SettingsResponse(bool AnonymousPosting, bool DownVotes, bool? AnonymousPostingOverride, bool? DownVotesOverride);
    public sealed record QueueResponse(string Kind, long Id, long IdeaId, string? Title, string Body, ModerationState State, string? Reason, int Reports, DateTimeOffset CreatedAt,
        IReadOnlyList<string> ReportReasons, bool HiddenByBlock);
    public sealed record ReasonRequest(string? Reason);
    /// <param name="HideAnonymous">Also hide the member's anonymous contributions: a reveal of each, audited with <paramref name="RevealReason"/>.</param>
    public sealed record BlockRequest(string? Reason, bool HideAnonymous = false, string? RevealReason = null);
    public sealed record RoleRequest(string? Role);
    public sealed record MemberResponse(long Id, string DisplayName, string Email, string Role, bool Blocked);
    public sealed record StatusRequest(string? Status, string? Note);
    public sealed record ChallengeRequest(string? Slug, string? Title, string? Description, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, Core.Challenges.ChallengeState State = Core.Challenges.ChallengeState.Open,
        Core.Challenges.AudienceKind Audience = Core.Challenges.AudienceKind.Everyone, IReadOnlyList<string>? Groups = null);
    public sealed record OrderRequest(IReadOnlyList<string>? Slugs);
    public sealed record AdminChallengeResponse(string Slug, string Title, string Description, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, string State, string StateNow, int IdeaCount,
        string Audience, IReadOnlyList<string> Groups);
    public sealed record AssignRequest(long? MemberId);
    public sealed record DismissedResponse(int Dismissed);
    public sealed record HiddenResponse(int Hidden);
    public sealed record RestoredResponse(int Restored);
    public sealed record RoleResponse(string Role);
    public sealed record StatusResponse(Core.Ideas.IdeaStatus Status);
    public sealed record SlugResponse(string Slug);

    public static void MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.Admin).AddEndpointFilter<CookieAntiforgery>().WithTags("Admin");
        var moderators = api.MapGroup("/admin").RequireAuthorization(Policies.Moderator).AddEndpointFilter<CookieAntiforgery>().WithTags("Admin");

        admin.MapGet("/settings", (HttpContext context, SiteSettingsLayer layer) => Settings(context, layer))
            .WithSummary("The site's switches (anonymous posting, thumbs-down) as they are now, with an admin's overrides of tenant.json (null where none).");
        admin.MapPut("/settings", async (HttpContext context, SettingsRequest request, ChangeSiteSettings change, SiteSettingsLayer layer) =>
        {
            await change.HandleAsync(context.Tenant(), context.User.MemberId()!.Value, request.AnonymousPosting, request.DownVotes, context.RequestAborted);
            await layer.ReloadAsync(context.RequestAborted);
            return TypedResults.Ok(Settings(context, layer, request));
        }).WithSummary("Switch anonymous posting and thumbs-down on or off; takes effect at once and is audited.");

        moderators.MapGet("/moderation/queue", async (HttpContext context, IModerationStore store, HoldWords holds) =>
            (await store.QueueAsync(context.Tenant().Id, context.RequestAborted))
            .Select(q => Queued(q, holds.Of(q, LanguageChoice.Of(context)))).ToList())
            .WithSummary("Held and reported content, with why it is there (the rule's reason, and what each reporter said).");
        moderators.MapGet("/moderation/hidden", async (HttpContext context, IModerationStore store) =>
            (await store.HiddenAsync(context.Tenant().Id, context.RequestAborted)).Select(q => Queued(q, null)).ToList())
            .WithSummary("Hidden content, newest first, with why it was hidden: what restore works on.");
        foreach (var (segment, kind) in new[] { ("ideas", ContributionKind.Idea), ("comments", ContributionKind.Comment) })
        {
            moderators.MapPost($"/moderation/{segment}/{{id:long}}/approve", async (HttpContext context, long id, ModerateContent moderate) =>
                ApiResults.From(await moderate.ApproveAsync(context.Tenant(), context.User.MemberId()!.Value, kind, id, context.RequestAborted), _ => TypedResults.NoContent()))
                .Refuses(ErrorKind.NotFound, ErrorKind.Conflict)
                .WithSummary("Approve held or reported content: it is (or stays) on the site. Audited.");
            moderators.MapPost($"/moderation/{segment}/{{id:long}}/reject", async (HttpContext context, long id, ReasonRequest request, ModerateContent moderate) =>
                ApiResults.From(await moderate.RejectAsync(context.Tenant(), context.User.MemberId()!.Value, kind, id, request.Reason, context.RequestAborted), _ => TypedResults.NoContent()))
                .Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Conflict)
                .WithSummary("Reject held content, with a reason: it never reaches the site. Audited.");
            moderators.MapPost($"/moderation/{segment}/{{id:long}}/hide", async (HttpContext context, long id, ReasonRequest request, ModerateContent moderate) =>
                ApiResults.From(await moderate.HideAsync(context.Tenant(), context.User.MemberId()!.Value, kind, id, request.Reason, context.RequestAborted), _ => TypedResults.NoContent()))
                .Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Conflict)
                .WithSummary("Hide published content, with a reason: it leaves the site until restored. Audited.");
            moderators.MapPost($"/moderation/{segment}/{{id:long}}/restore", async (HttpContext context, long id, ModerateContent moderate) =>
                ApiResults.From(await moderate.RestoreAsync(context.Tenant(), context.User.MemberId()!.Value, kind, id, context.RequestAborted), _ => TypedResults.NoContent()))
                .Refuses(ErrorKind.NotFound, ErrorKind.Conflict)
                .WithSummary("Put hidden content back on the site.");
            moderators.MapPost($"/moderation/{segment}/{{id:long}}/dismiss-reports", async (HttpContext context, long id, ModerateContent moderate) =>
                ApiResults.From(await moderate.DismissReportsAsync(context.Tenant(), context.User.MemberId()!.Value, kind, id, context.RequestAborted),
                    dismissed => TypedResults.Ok(new DismissedResponse(dismissed))))
                .Refuses(ErrorKind.NotFound, ErrorKind.Conflict)
                .WithSummary("The reported content is fine: its reports leave the queue, and content the reports hid comes back.");
            moderators.MapPost($"/moderation/{segment}/{{id:long}}/full-text", async (HttpContext context, long id, ReasonRequest request, ModerateContent moderate,
                    HoldWords holds) =>
                ApiResults.From(await moderate.FullTextAsync(context.Tenant(), context.User.MemberId()!.Value, kind, id, request.Reason, context.RequestAborted),
                    item => TypedResults.Ok(Queued(item, holds.Of(item, LanguageChoice.Of(context)), masked: false))))
                .Refuses(ErrorKind.Validation, ErrorKind.NotFound)
                .WithSummary("The text as written, personal data unmasked (the lists mask it); the reason goes into the audit log.");
        }

        moderators.MapGet("/members", async (HttpContext context, string? search, IMemberStore members) =>
            (await members.SearchAsync(context.Tenant().Id, search, 100, context.RequestAborted))
            .Select(m => new MemberResponse(m.Id, m.DisplayName, m.Email, m.Role, m.Blocked)).ToList())
            .WithSummary("Members whose name or email address matches the search (all members without one), at most 100.");
        moderators.MapPost("/members/{id:long}/block", async (HttpContext context, long id, BlockRequest request, ModerateContent moderate) =>
            ApiResults.From(await moderate.BlockMemberAsync(context.Tenant(), context.User.MemberId()!.Value, id, request.Reason, context.RequestAborted,
                request.HideAnonymous, request.RevealReason), hidden => TypedResults.Ok(new HiddenResponse(hidden))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Forbidden, ErrorKind.Conflict)
            .WithSummary("Block a member: they cannot sign in or contribute, and what they posted under their name is hidden. Their anonymous posts "
                + "stay unless hideAnonymous is set, which reveals they wrote them and is audited as a reveal of each, with revealReason.");
        moderators.MapPost("/members/{id:long}/unblock", async (HttpContext context, long id, ReasonRequest request, ModerateContent moderate) =>
            ApiResults.From(await moderate.UnblockMemberAsync(context.Tenant(), context.User.MemberId()!.Value, id, request.Reason, context.RequestAborted),
                restored => TypedResults.Ok(new RestoredResponse(restored))))
            .Refuses(ErrorKind.NotFound, ErrorKind.Conflict)
            .WithSummary("Unblock a member: they can sign in again, and what the block hid comes back (not what a moderator hid or rejected).");
        admin.MapPut("/members/{id:long}/role", async (HttpContext context, long id, RoleRequest request, ChangeRole change) =>
            ApiResults.From(await change.HandleAsync(context.Tenant(), context.User.MemberId()!.Value, id, request.Role, context.RequestAborted),
                role => TypedResults.Ok(new RoleResponse(role))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound)
            .WithSummary($"Give a member a role on this site: {string.Join(", ", Roles.All)}.");

        var team = api.MapGroup("/admin").RequireAuthorization(Policies.Team).AddEndpointFilter<CookieAntiforgery>().WithTags("Admin");
        var managers = api.MapGroup("/admin").RequireAuthorization(Policies.Manager).AddEndpointFilter<CookieAntiforgery>().WithTags("Admin");
        team.MapGet("/unanswered", async (HttpContext context, IResponsivenessStore store) =>
            await store.UnansweredAsync(context.Tenant().Id, context.RequestAborted))
            .WithSummary("Ideas and top-level comments with no official response from the team yet, oldest first.");
        team.MapGet("/response-times", async (HttpContext context, Responsiveness responsiveness) =>
            await responsiveness.TimesAsync(context.Tenant(), context.RequestAborted))
            .WithSummary("Per challenge: hours to the first official response, median and 90th percentile.");
        managers.MapPut("/ideas/{id:long}/status", async (HttpContext context, long id, StatusRequest request, Responsiveness responsiveness) =>
            ApiResults.From(await responsiveness.ChangeStatusAsync(context.Tenant(), context.User.MemberId()!.Value, id, request.Status, request.Note, context.RequestAborted),
                status => TypedResults.Ok(new StatusResponse(status))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound)
            .WithSummary("Move an idea along the roadmap (submitted, under-review, themed, shortlisted, prototyping, testing, scale-and-spread, not-taken-forward) with a public note.");
        foreach (var (segment, kind) in new[] { ("ideas", ContributionKind.Idea), ("comments", ContributionKind.Comment) })
            managers.MapPut($"/{segment}/{{id:long}}/assign", async (HttpContext context, long id, AssignRequest request, Responsiveness responsiveness) =>
                ApiResults.From(await responsiveness.AssignAsync(context.Tenant(), context.User.MemberId()!.Value, kind, id, request.MemberId, context.RequestAborted),
                    _ => TypedResults.NoContent()))
                .Refuses(ErrorKind.Validation, ErrorKind.NotFound)
                .WithSummary("Assign to a champion or community manager to answer (memberId null to unassign).");

        admin.MapGet("/challenges", async (HttpContext context, Core.Challenges.IChallengeStore store, TimeProvider clock) =>
            (await store.ListAsync(context.Tenant().Id, context.RequestAborted)).Select(c => Response(c, clock)).ToList())
            .WithSummary("Every challenge, drafts and archived ones included, with the state it has now.");
        // What a created challenge's Location names: the public page would be a 404 for a draft or one not open yet.
        admin.MapGet("/challenges/{slug}", async Task<Results<Ok<AdminChallengeResponse>, Refusal>> (HttpContext context, string slug,
            Core.Challenges.IChallengeStore store, TimeProvider clock) =>
            await store.FindBySlugAsync(context.Tenant().Id, slug, context.RequestAborted) is { } challenge
                ? TypedResults.Ok(Response(challenge, clock))
                : ApiResults.Problem(new Error(ErrorKind.NotFound, $"The challenge {slug} was not found.").Keyed("error.challenge-not-found", slug)))
            .Refuses(ErrorKind.NotFound)
            .WithSummary("One challenge, a draft or archived one too, with the state it has now.");
        admin.MapPost("/challenges", async (HttpContext context, ChallengeRequest request, ManageChallenges manage) =>
            ApiResults.From(await manage.SaveAsync(context.Tenant(), context.User.MemberId()!.Value, Definition(request, null), create: true, context.RequestAborted),
                c => TypedResults.Created($"{context.Request.PathBase}/api/v1/admin/challenges/{c.Slug}", new SlugResponse(c.Slug))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Conflict)
            .WithSummary("Create a challenge; it opens and closes by itself at opensAt and closesAt.");
        admin.MapPut("/challenges/{slug}", async (HttpContext context, string slug, ChallengeRequest request, ManageChallenges manage) =>
            ApiResults.From(await manage.SaveAsync(context.Tenant(), context.User.MemberId()!.Value, Definition(request, slug), create: false, context.RequestAborted),
                c => TypedResults.Ok(new SlugResponse(c.Slug))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Conflict)
            .WithSummary("Edit or reschedule a challenge; tenant.json no longer overwrites it.");
        admin.MapPost("/challenges/{slug}/archive", async (HttpContext context, string slug, ManageChallenges manage) =>
            ApiResults.From(await manage.ArchiveAsync(context.Tenant(), context.User.MemberId()!.Value, slug, context.RequestAborted), _ => TypedResults.NoContent()))
            .Refuses(ErrorKind.NotFound).WithSummary("Archive a challenge (its state becomes archived). Audited.");
        admin.MapPut("/challenges/order", async (HttpContext context, OrderRequest request, ManageChallenges manage) =>
            ApiResults.From(await manage.ReorderAsync(context.Tenant(), context.User.MemberId()!.Value, request.Slugs, context.RequestAborted), _ => TypedResults.NoContent()))
            .Refuses(ErrorKind.Validation).WithSummary("The order the site lists its challenges in: every challenge's slug, each once. Audited.");

        admin.MapGet("/audit", async (HttpContext context, string? action, IModerationStore store) =>
            await store.AuditLogAsync(context.Tenant().Id, string.IsNullOrWhiteSpace(action) ? null : action, 500, context.RequestAborted))
            .WithSummary("The audit log, newest first; filter by action (setting.changed, content.approved, identity.revealed, role.granted ...).");

        api.MapAdminSettingsApi();
    }

    /// <summary>Masked as the moderation page masks it, unless a moderator asked for the full text (audited).</summary>
    /// <param name="held">A rule's hold reason worded in the request's language (as a plugin's refusal is); null: the reason as stored.</param>
    private static QueueResponse Queued(QueueItem q, WordedReason? held, bool masked = true)
    {
        Func<string?, string?> text = masked ? t => t is null ? null : Pages.Admin.Redaction.Mask(t) : t => t;
        return new(q.Kind.ToString().ToLowerInvariant(), q.Id, q.IdeaId, text(q.Title), text(q.Body)!, q.State, text(held?.Text ?? q.Reason), q.Reports, q.CreatedAt,
            q.ReportReasons.Select(r => text(r)!).ToList(), q.HiddenByBlock);
    }

    private static AdminChallengeResponse Response(Core.Challenges.Challenge c, TimeProvider clock) => new(c.Slug, c.Title, c.Description,
        c.OpensAt, c.ClosesAt, c.State.ToString().ToLowerInvariant(), c.StateAt(clock.GetUtcNow()).ToString().ToLowerInvariant(), c.IdeaCount,
        c.Audience.Kind.ToString().ToLowerInvariant(), c.Audience.Groups);

    private static Core.Tenancy.ChallengeDefinition Definition(ChallengeRequest r, string? slug) => new()
    {
        Slug = slug ?? r.Slug ?? "", Title = r.Title ?? "", Description = r.Description ?? "", OpensAt = r.OpensAt, ClosesAt = r.ClosesAt, State = r.State,
        Audience = r.Audience, Groups = r.Groups ?? [],
    };

    private static SettingsResponse Settings(HttpContext context, SiteSettingsLayer layer, SettingsRequest? saved = null)
    {
        var tenant = context.Tenant();
        var overrides = layer.For(tenant.Id);
        return saved is null
            ? new SettingsResponse(tenant.Features.AnonymousPosting, tenant.Features.DownVotes, overrides.AnonymousPosting, overrides.DownVotes)
            : new SettingsResponse(saved.AnonymousPosting, saved.DownVotes, saved.AnonymousPosting, saved.DownVotes);
    }
}
