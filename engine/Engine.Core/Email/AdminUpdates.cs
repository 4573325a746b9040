using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.Email;

/// <summary>How many members an update went to (those who want the site's news and have confirmed their address).</summary>
public sealed record UpdateSent(int Recipients, int Audience);

/// <summary>
/// An admin writes to every member, or to the people who took part in one challenge (posted, commented or
/// voted there). Members who turned news off, or have not confirmed their address, are left out. Audited.
/// </summary>
public sealed class AdminUpdates(IEmailStore store, IChallengeStore challenges, Notifications notifications, IModerationStore audit, TimeProvider clock)
{
    public const int SubjectMax = 150, BodyMax = 10_000;

    public async Task<Outcome<Recipient[]>> AudienceAsync(TenantDefinition tenant, string? challengeSlug, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(challengeSlug)) return (await store.MembersAsync(tenant.Id, ct)).ToArray();
        var challenge = await challenges.FindBySlugAsync(tenant.Id, challengeSlug.Trim(), ct);
        if (challenge is null) return Error.Invalid("challenge", $"There is no challenge '{challengeSlug}' on this site.").Keyed("admin.updates.no-such-challenge", challengeSlug);
        return (await store.ParticipantsAsync(tenant.Id, challenge.Id, ct)).ToArray();
    }

    public async Task<Outcome<UpdateSent>> SendAsync(TenantDefinition tenant, long actorId, string? subject, string? body, string? challengeSlug, CancellationToken ct = default)
    {
        if (TextRules.Check("subject", subject, 3, SubjectMax, out var s) is { } subjectError) return subjectError;
        if (s.Contains('\n') || s.Contains('\r')) return Error.Invalid("subject", "Subject must be one line.").Keyed("admin.updates.subject-one-line");
        if (TextRules.Check("body", body, 1, BodyMax, out var b) is { } bodyError) return bodyError;
        var audience = await AudienceAsync(tenant, challengeSlug, ct);
        if (!audience.Succeeded) return audience.Error!;
        var sent = await notifications.SendToAsync(tenant, EmailKind.AdminUpdate, audience.Value!, r => EmailContents.AdminUpdate(r.DisplayName, s, b), ct);
        var to = string.IsNullOrWhiteSpace(challengeSlug) ? "all members" : $"members who took part in challenge {challengeSlug.Trim()}";
        await audit.AuditAsync(tenant.Id, actorId, "email.update-sent", to, $"“{s}” queued for {sent} of {audience.Value!.Length} members", clock.GetUtcNow(), ct);
        return new UpdateSent(sent, audience.Value!.Length);
    }
}
