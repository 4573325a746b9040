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
    /// <summary>Appends to the audit log, which nothing in the engine edits or deletes.</summary>
    Task AuditAsync(string tenantId, long actorId, string action, string subject, string detail, DateTimeOffset now, CancellationToken ct = default);
}
