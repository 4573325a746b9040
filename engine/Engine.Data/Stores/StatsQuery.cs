using Dapper;
using Engine.Core.Stats;
using Engine.Data.Sqlite;

namespace Engine.Data.Stores;

public sealed class StatsQuery(Database db) : IStatsQuery
{
    public async Task<SiteStats> GetAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        // UNION (not UNION ALL) is what counts a person once, however many ways they took part. A fully
        // anonymous author is known only by their key, so they count once per key: the engine cannot
        // (by design) tell that the key and a voting member are the same person.
        // Imported ideas and comments (source_id set) have no author: they count on their own, not as people.
        var row = await c.QuerySingleAsync<(long People, long Ideas, long Comments, long Votes, long ImportedIdeas, long ImportedComments, long Sources)>("""
            SELECT
              (SELECT COUNT(*) FROM (
                  SELECT COALESCE('m' || author_id, 'k' || author_key) FROM ideas WHERE tenant_id = @tenantId AND moderation = 'published' AND source_id IS NULL
                  UNION SELECT COALESCE('m' || author_id, 'k' || author_key) FROM comments WHERE tenant_id = @tenantId AND moderation = 'published' AND source_id IS NULL
                  UNION SELECT 'm' || member_id FROM votes WHERE tenant_id = @tenantId) AS people),
              (SELECT COUNT(*) FROM ideas WHERE tenant_id = @tenantId AND moderation = 'published'),
              (SELECT COUNT(*) FROM comments WHERE tenant_id = @tenantId AND moderation = 'published'),
              -- Votes people cast: a copy carried onto a kept idea by a merge is not another vote.
              (SELECT COUNT(*) FROM votes v WHERE v.tenant_id = @tenantId AND NOT EXISTS (SELECT 1 FROM carried_votes cv
                  WHERE cv.tenant_id = v.tenant_id AND cv.idea_id = v.idea_id AND cv.member_id = v.member_id)),
              (SELECT COUNT(*) FROM ideas WHERE tenant_id = @tenantId AND moderation = 'published' AND source_id IS NOT NULL),
              (SELECT COUNT(*) FROM comments WHERE tenant_id = @tenantId AND moderation = 'published' AND source_id IS NOT NULL),
              (SELECT COUNT(*) FROM import_sources WHERE tenant_id = @tenantId)
            """, new { tenantId });
        return new SiteStats((int)row.People, (int)row.Ideas, (int)row.Comments, (int)row.Votes,
            (int)row.ImportedIdeas, (int)row.ImportedComments, (int)row.Sources);
    }
}
