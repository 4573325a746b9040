using Dapper;
using Engine.Core.Moderation;
using Engine.Sdk;

namespace Engine.Data.Stores;

public sealed class ContributionHistory(Database db) : IContributionHistory
{
    public async Task<AuthorHistory> ForAsync(string tenantId, long memberId, string authorKey, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleAsync<(long Total, long? Approved, long? Since)>("""
            SELECT COUNT(*), SUM(CASE WHEN moderation = 'published' THEN 1 ELSE 0 END),
                   (SELECT created_at FROM members WHERE tenant_id = @tenantId AND id = @memberId)
            FROM (SELECT moderation FROM ideas WHERE tenant_id = @tenantId AND (author_id = @memberId OR author_key = @authorKey)
                  UNION ALL
                  SELECT moderation FROM comments WHERE tenant_id = @tenantId AND (author_id = @memberId OR author_key = @authorKey)) AS contributions
            """, new { tenantId, memberId, authorKey });
        return new AuthorHistory((int)row.Total, (int)(row.Approved ?? 0), Time.FromUnixMs(row.Since ?? 0));
    }
}
