using Dapper;
using Engine.Core.Ideas;
using Engine.Core.Roadmap;

namespace Engine.Data.Stores;

public sealed class RoadmapQuery(Database db) : IRoadmapQuery
{
    public async Task<IReadOnlyList<long>> IdeasAtAsync(string tenantId, IReadOnlyCollection<long> challengeIds, IReadOnlyCollection<IdeaStatus> statuses, CancellationToken ct = default)
    {
        if (challengeIds.Count == 0 || statuses.Count == 0) return [];
        await using var c = db.OpenReader();
        return (await c.QueryAsync<long>($"""
            SELECT id FROM ideas
            WHERE tenant_id = @tenantId AND moderation = 'published' AND merged_into IS NULL
              AND {db.IsIn("challenge_id", "challengeIds")} AND {db.IsIn("status", "statuses")}
            ORDER BY COALESCE(status_changed_at, created_at), id
            """, new { tenantId, challengeIds = challengeIds.ToArray(), statuses = statuses.Select(s => s.ToString().ToLowerInvariant()).ToArray() })).ToList();
    }
}
