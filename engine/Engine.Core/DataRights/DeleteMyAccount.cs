using Engine.Core.Anonymity;

namespace Engine.Core.DataRights;

/// <summary>
/// "Delete my account" (UK GDPR, the right to erasure), once the member has proved it is them. They choose whether what
/// they posted goes too, or stays under "Former member". Nobody is told: an audit entry or a note to the team would
/// say which contributions were theirs.
/// </summary>
public sealed class DeleteMyAccount(IMemberDataStore store, IAuthorKeys keys, TimeProvider clock)
{
    public const string FormerMember = "Former member";

    public Task<bool> DeleteAsync(string tenantId, long memberId, bool deleteContributions, CancellationToken ct = default) =>
        store.DeleteAsync(tenantId, memberId, keys.KeyFor(tenantId, memberId), deleteContributions, FormerMember, clock.GetUtcNow(), ct);

    /// <summary>The retention rule's deletion: contributions kept, and only if the member is still warned since <paramref name="warnedBy"/>.</summary>
    public Task<bool> DeleteInactiveAsync(string tenantId, long memberId, DateTimeOffset warnedBy, CancellationToken ct = default) =>
        store.DeleteAsync(tenantId, memberId, keys.KeyFor(tenantId, memberId), deleteContributions: false, FormerMember, clock.GetUtcNow(), ct, warnedBy);
}
