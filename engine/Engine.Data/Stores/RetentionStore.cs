using Dapper;
using Engine.Data.GroupCommit;
using Engine.Core.Common;
using Engine.Core.DataRights;
using Engine.Core.Email;

namespace Engine.Data.Stores;

/// <summary>When members last used the site, and the retention rule's warnings (see <see cref="AccountRetention"/>).</summary>
public sealed class RetentionStore(Database db) : IRetentionStore
{
    // Members the rule may touch: not staff, not blocked, not already deleted. An account from before the rule's step, or
    // copied in without a last use, counts from when it was made.
    private const string Ordinary = "tenant_id = @tenantId AND role = 'member' AND blocked = 0 AND deleted_at IS NULL";
    private const string LastActive = "COALESCE(last_active_at, created_at)";

    /// <summary>
    /// Each node records a member's first request of the day in its write groups, beside other members' votes and visits,
    /// in the order they came: two nodes recording the same two members in crossed orders deadlocked (measured: 3 in a
    /// two-node storm, each stalling both nodes for PostgreSQL's 1 s timeout). On PostgreSQL a visit whose member's row
    /// another node is writing at that moment is skipped instead of waited for: that node records the same day's use.
    /// A statement, so that it goes to the server in one batch with the votes it is grouped with.
    /// </summary>
    public Task SeenAsync(string tenantId, long memberId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, WriteScope.Records, new Statement<bool>(db.Dialect == SqlDialect.Postgres ? SeenOnPostgres : Seen,
            SeenNames, [now.ToUnixMs(), tenantId, memberId], reader => reader.Read()), ct);

    private const string Seen = """
        UPDATE members SET last_active_at = @now, retention_warned_at = NULL
        WHERE tenant_id = @tenantId AND id = @memberId AND deleted_at IS NULL
        """;

    // RETURNING: in a batch, Npgsql gives a result only to statements that answer rows (see Statement<T>).
    private static readonly string SeenOnPostgres = Seen + NotWrittenElsewhere + " RETURNING id";
    private static readonly string[] SeenNames = ["now", "tenantId", "memberId"];

    private const string NotWrittenElsewhere =
        " AND id IN (SELECT id FROM members WHERE tenant_id = @tenantId AND id = @memberId FOR NO KEY UPDATE SKIP LOCKED)";

    public async Task<IReadOnlyList<Recipient>> DueForWarningAsync(string tenantId, DateTimeOffset inactiveSince, int limit, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long Id, string Email, string DisplayName, long EmailConfirmed, string? Language)>($"""
            SELECT id, email, display_name, email_confirmed, language FROM members
            WHERE {Ordinary} AND retention_warned_at IS NULL AND {LastActive} < @since
            ORDER BY {LastActive}, id LIMIT @limit
            """, new { tenantId, since = inactiveSince.ToUnixMs(), limit });
        return rows.Select(r => new Recipient(r.Id, r.Email, r.DisplayName, r.EmailConfirmed != 0, Blocked: false, EmailPreferences.Default, r.Language)).ToList();
    }

    public Task<bool> WarnAsync(string tenantId, long memberId, DateTimeOffset inactiveSince, Sender sender, OutgoingEmail warning, DateTimeOffset now,
        CancellationToken ct = default) =>
        db.WriteAsync(tenantId, WriteScope.Records, (c, tx) =>
        {
            var marked = c.Execute($"""
                UPDATE members SET retention_warned_at = @now
                WHERE {Ordinary} AND id = @memberId AND retention_warned_at IS NULL AND {LastActive} < @since
                """, new { tenantId, memberId, since = inactiveSince.ToUnixMs(), now = now.ToUnixMs() }, tx);
            if (marked == 0) return false;
            EmailStore.Insert(c, tx, tenantId, sender, warning, now);
            return true;
        }, ct);

    public async Task<IReadOnlyList<long>> DueForDeletionAsync(string tenantId, DateTimeOffset warnedBy, int limit, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<long>($"""
            SELECT id FROM members WHERE {Ordinary} AND retention_warned_at IS NOT NULL AND retention_warned_at <= @warnedBy
            ORDER BY retention_warned_at, id LIMIT @limit
            """, new { tenantId, warnedBy = warnedBy.ToUnixMs(), limit })).ToList();
    }
}
