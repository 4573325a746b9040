using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;
using Engine.Sdk;

namespace Engine.Core.Administration;

/// <summary>An idea or top-level comment still waiting for the team's official response.</summary>
public sealed record Unanswered(ContributionKind Kind, long Id, long IdeaId, string ChallengeSlug, string Text, DateTimeOffset CreatedAt,
    long? AssignedTo, string? AssignedName);

/// <summary>How quickly the team answered in one challenge: hours from a contribution to its first official response.</summary>
public sealed record ResponseTimes(string ChallengeSlug, int Answered, int Waiting, double? MedianHours, double? Percentile90Hours);

public interface IResponsivenessStore
{
    Task<IReadOnlyList<Unanswered>> UnansweredAsync(string tenantId, CancellationToken ct = default);
    /// <summary>(challenge slug, hours to first official response or null if none yet) for every idea and top-level comment.</summary>
    Task<IReadOnlyList<(string ChallengeSlug, double? Hours)>> ResponseDelaysAsync(string tenantId, CancellationToken ct = default);
    Task<bool> AssignAsync(string tenantId, ContributionKind kind, long id, long? memberId, CancellationToken ct = default);
    Task<bool> SetStatusAsync(string tenantId, long ideaId, IdeaStatus status, string? note, DateTimeOffset now, CancellationToken ct = default);
}

/// <summary>"Every comment is read and responded to": the team's view of what still needs an answer.</summary>
public sealed class Responsiveness(IResponsivenessStore store, IMemberStore members, IModerationStore audit, Email.Notifications notifications, TimeProvider clock)
{
    public async Task<IReadOnlyList<ResponseTimes>> TimesAsync(TenantDefinition tenant, CancellationToken ct = default) =>
        (await store.ResponseDelaysAsync(tenant.Id, ct))
            .GroupBy(d => d.ChallengeSlug)
            .Select(g =>
            {
                var answered = g.Where(d => d.Hours is not null).Select(d => d.Hours!.Value).Order().ToList();
                return new ResponseTimes(g.Key, answered.Count, g.Count() - answered.Count, Percentile(answered, 0.5), Percentile(answered, 0.9));
            })
            .OrderBy(t => t.ChallengeSlug, StringComparer.Ordinal)
            .ToList();

    /// <summary>Nearest-rank percentile: the smallest value at or above which the fraction p of values lie.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public async Task<Outcome<bool>> AssignAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id, long? memberId, CancellationToken ct = default)
    {
        if (memberId is { } m)
        {
            var member = await members.FindByIdAsync(tenant.Id, m, ct);
            if (member is null || !Roles.Team.Contains(member.Role))
                return Error.Invalid("memberId", "Assign to a champion, community manager, moderator or admin of this site.").Keyed("admin.responses.assign-staff");
        }
        if (!await store.AssignAsync(tenant.Id, kind, id, memberId, ct)) return Error.NotFound(kind == ContributionKind.Idea ? "Idea" : "Comment");
        await audit.AuditAsync(tenant.Id, actorId, "content.assigned", $"{kind.ToString().ToLowerInvariant()} {id}", memberId is null ? "unassigned" : $"member {memberId}", clock.GetUtcNow(), ct);
        return true;
    }

    public async Task<Outcome<IdeaStatus>> ChangeStatusAsync(TenantDefinition tenant, long actorId, long ideaId, string? status, string? note, CancellationToken ct = default)
    {
        if (!IdeaStatuses.TryParse(status, out var parsed))
            return Error.Invalid("status", $"Status must be one of {string.Join(", ", IdeaStatuses.Keys)}.").Keyed("admin.idea-status.status-one-of", string.Join(", ", IdeaStatuses.Keys));
        var text = note?.Trim();
        if (text is { Length: > 1000 }) return Error.Invalid("note", "The note must be 1000 characters or fewer.").Keyed("admin.idea-status.note-long", 1000);
        if (!await store.SetStatusAsync(tenant.Id, ideaId, parsed, string.IsNullOrEmpty(text) ? null : text, clock.GetUtcNow(), ct))
            return Error.NotFound("Idea");
        await audit.AuditAsync(tenant.Id, actorId, "idea.status", $"idea {ideaId}", $"{parsed.Key()}{(text is { Length: > 0 } ? $": {text}" : "")}", clock.GetUtcNow(), ct);
        await notifications.StatusChangedAsync(tenant, ideaId, actorId, ct);
        return parsed;
    }
}
