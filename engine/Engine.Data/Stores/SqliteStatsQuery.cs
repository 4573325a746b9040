using Dapper;
using Engine.Core.Stats;
using Engine.Data.Sqlite;

namespace Engine.Data.Stores;

public sealed class SqliteStatsQuery(SqliteDatabase db) : IStatsQuery
{
    public async Task<SiteStats> GetAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        // UNION (not UNION ALL) is what counts a person once, however many ways they took part.
        var row = await c.QuerySingleAsync<(long People, long Ideas, long Comments, long Votes)>("""
            SELECT
              (SELECT COUNT(*) FROM (
                  SELECT author_id FROM ideas WHERE tenant_id = @tenantId
                  UNION SELECT author_id FROM comments WHERE tenant_id = @tenantId
                  UNION SELECT member_id FROM votes WHERE tenant_id = @tenantId)),
              (SELECT COUNT(*) FROM ideas WHERE tenant_id = @tenantId),
              (SELECT COUNT(*) FROM comments WHERE tenant_id = @tenantId),
              (SELECT COUNT(*) FROM votes WHERE tenant_id = @tenantId)
            """, new { tenantId });
        return new SiteStats((int)row.People, (int)row.Ideas, (int)row.Comments, (int)row.Votes);
    }
}
