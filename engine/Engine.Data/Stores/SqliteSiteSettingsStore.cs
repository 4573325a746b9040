using Dapper;
using Engine.Core.Administration;
using Engine.Data.Sqlite;

namespace Engine.Data.Stores;

public sealed class SqliteSiteSettingsStore(SqliteDatabase db) : ISiteSettingsStore
{
    public async Task<IReadOnlyDictionary<string, SiteSettings>> AllAsync(CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(string TenantId, long? AnonymousPosting, long? DownVotes)>(
            "SELECT tenant_id, anonymous_posting, down_votes FROM tenant_settings");
        return rows.ToDictionary(r => r.TenantId, r => new SiteSettings(Flag(r.AnonymousPosting), Flag(r.DownVotes)));
    }

    public Task SaveAsync(string tenantId, SiteSettings settings, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("""
            INSERT INTO tenant_settings (tenant_id, anonymous_posting, down_votes, updated_at, updated_by)
            VALUES (@tenantId, @AnonymousPosting, @DownVotes, @now, @actorId)
            ON CONFLICT (tenant_id) DO UPDATE SET anonymous_posting = excluded.anonymous_posting, down_votes = excluded.down_votes,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new { tenantId, settings.AnonymousPosting, settings.DownVotes, now = now.ToUnixMs(), actorId }, tx), ct);

    private static bool? Flag(long? value) => value is null ? null : value != 0;
}
