using Engine.Sdk;

namespace Engine.Core.Moderation;

/// <summary>Who wrote a contribution, as far as the store knows: nothing at all for a fully anonymous one.</summary>
public sealed record StoredAuthor(long? MemberId, string? DisplayName, string? Email, bool Anonymous);

public interface IModerationStore
{
    /// <summary>Records a member's report (once per member) and returns how many different members have reported it.</summary>
    Task<int> ReportAsync(string tenantId, ContributionKind kind, long id, long memberId, string reason, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Takes published content off the site, for a moderator to look at; counts move in the same transaction.</summary>
    Task HoldAsync(string tenantId, ContributionKind kind, long id, string reason, CancellationToken ct = default);
    /// <summary>The author of a stored contribution (published or held), or null if there is no such contribution.</summary>
    Task<StoredAuthor?> AuthorOfAsync(string tenantId, ContributionKind kind, long id, CancellationToken ct = default);
    /// <summary>Held and reported content, oldest first, with why it is there.</summary>
    Task<IReadOnlyList<QueueItem>> QueueAsync(string tenantId, CancellationToken ct = default);
    /// <summary>Moves content to a new state (counts follow in the same transaction); false if there is no such content.</summary>
    Task<bool> SetStateAsync(string tenantId, ContributionKind kind, long id, ModerationState state, string? reason, CancellationToken ct = default);
    /// <summary>Blocks the member and hides everything they posted under their id; returns how many items were hidden.</summary>
    Task<int> BlockAsync(string tenantId, long memberId, CancellationToken ct = default);
    Task<IReadOnlyList<AuditEntry>> AuditLogAsync(string tenantId, string? action, int limit, CancellationToken ct = default);
    /// <summary>Appends to the audit log, which nothing in the engine edits or deletes.</summary>
    Task AuditAsync(string tenantId, long actorId, string action, string subject, string detail, DateTimeOffset now, CancellationToken ct = default);
}

/// <param name="Reason">Which rule held it, or the moderator's reason.</param>
/// <param name="Reports">How many different members reported it.</param>
public sealed record QueueItem(ContributionKind Kind, long Id, long IdeaId, string? Title, string Body, ModerationState State,
    string? Reason, int Reports, DateTimeOffset CreatedAt);

public sealed record AuditEntry(long Id, DateTimeOffset At, long ActorId, string ActorName, string Action, string Subject, string Detail);
