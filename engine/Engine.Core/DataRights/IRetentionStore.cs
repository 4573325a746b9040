using Engine.Core.Email;

namespace Engine.Core.DataRights;

/// <summary>What the retention rule reads and writes: when members last used the site, and whom it has warned.</summary>
public interface IRetentionStore
{
    /// <summary>
    /// The member used the site signed in: records it and withdraws any warning. Changes nothing a page shows, so no
    /// cache is dropped for it.
    /// </summary>
    Task SeenAsync(string tenantId, long memberId, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>
    /// Members (not staff, not blocked, not deleted) unused since <paramref name="inactiveSince"/> and not yet warned, oldest
    /// first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<Recipient>> DueForWarningAsync(string tenantId, DateTimeOffset inactiveSince, int limit, CancellationToken ct = default);

    /// <summary>
    /// Records the warning and queues its email in one transaction, only if the member is still unwarned and unused since
    /// <paramref name="inactiveSince"/>; false (nothing queued) if they came back or another node warned them first.
    /// </summary>
    Task<bool> WarnAsync(string tenantId, long memberId, DateTimeOffset inactiveSince, Sender sender, OutgoingEmail warning, DateTimeOffset now,
        CancellationToken ct = default);

    /// <summary>Members warned no later than <paramref name="warnedBy"/> who have not used the site since, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<long>> DueForDeletionAsync(string tenantId, DateTimeOffset warnedBy, int limit, CancellationToken ct = default);
}
