using Dapper;
using Engine.Core.BigIdeas;
using System.Data.Common;

namespace Engine.Data.Stores;

/// <summary>
/// Merging moves nothing: the duplicate keeps its votes and comments, and the votes carried onto the kept idea
/// are new rows recorded in carried_votes, so undo deletes exactly those. Counters are recounted from the rows.
/// </summary>
public sealed class MergeStore(Database db) : IMergeStore
{
    public Task<bool> MergeAsync(string tenantId, long keptId, long mergedId, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            // Checked again inside the one writer transaction, so two merges at once cannot make a chain.
            var marked = c.Execute("""
                UPDATE ideas SET merged_into = @keptId, merged_at = @now, merged_by = @actorId
                WHERE tenant_id = @tenantId AND id = @mergedId AND merged_into IS NULL
                  AND NOT EXISTS (SELECT 1 FROM ideas d WHERE d.tenant_id = @tenantId AND d.merged_into = @mergedId)
                  AND EXISTS (SELECT 1 FROM ideas k WHERE k.tenant_id = @tenantId AND k.id = @keptId AND k.merged_into IS NULL
                              AND k.challenge_id = ideas.challenge_id AND k.moderation = 'published')
                """, new { tenantId, keptId, mergedId, actorId, now = now.ToUnixMs() }, tx);
            if (marked == 0) return false;
            var carried = MergeRules.Carried(Votes(c, tx, tenantId, keptId), Votes(c, tx, tenantId, mergedId));
            // In member order: each row's trigger takes its voter's people lock on PostgreSQL (Migrations.Participants), and
            // every writer taking them in one order is what keeps two writers from waiting on each other.
            foreach (var (memberId, value) in carried.OrderBy(v => v.Key))
            {
                c.Execute("INSERT INTO votes (tenant_id, idea_id, member_id, value, created_at) VALUES (@tenantId, @keptId, @memberId, @value, @now)",
                    new { tenantId, keptId, memberId, value, now = now.ToUnixMs() }, tx);
                c.Execute("INSERT INTO carried_votes (tenant_id, idea_id, member_id, from_idea_id) VALUES (@tenantId, @keptId, @memberId, @mergedId)",
                    new { tenantId, keptId, memberId, mergedId }, tx);
            }
            Recount(c, tx, tenantId, keptId);
            return true;
        }, ct);

    public Task<long?> UndoAsync(string tenantId, long mergedId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var keptId = c.ExecuteScalar<long?>("SELECT merged_into FROM ideas WHERE tenant_id = @tenantId AND id = @mergedId", new { tenantId, mergedId }, tx);
            if (keptId is null) return null;
            // Only votes still as carried: a member who voted on the kept idea since then made that vote their own.
            c.Execute("""
                DELETE FROM votes WHERE tenant_id = @tenantId AND idea_id = @keptId AND member_id IN
                    (SELECT member_id FROM carried_votes WHERE tenant_id = @tenantId AND idea_id = @keptId AND from_idea_id = @mergedId)
                """, new { tenantId, keptId, mergedId }, tx);
            c.Execute("DELETE FROM carried_votes WHERE tenant_id = @tenantId AND idea_id = @keptId AND from_idea_id = @mergedId", new { tenantId, keptId, mergedId }, tx);
            c.Execute("UPDATE ideas SET merged_into = NULL, merged_at = NULL, merged_by = NULL WHERE tenant_id = @tenantId AND id = @mergedId", new { tenantId, mergedId }, tx);
            Recount(c, tx, tenantId, keptId.Value);
            Recount(c, tx, tenantId, mergedId);
            return keptId;
        }, ct);

    public async Task<bool> HasDuplicatesAsync(string tenantId, long ideaId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ideas WHERE tenant_id = @tenantId AND merged_into = @ideaId", new { tenantId, ideaId }) > 0;
    }

    public async Task<IReadOnlyList<MergedIdea>> MergedAsync(string tenantId, long? challengeId, long? keptId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long Id, string Title, long IntoId, string IntoTitle, long Comments, long MergedAt)>("""
            SELECT d.id, d.title, k.id, k.title, d.comment_count, d.merged_at FROM ideas d
            JOIN ideas k ON k.tenant_id = d.tenant_id AND k.id = d.merged_into
            WHERE d.tenant_id = @tenantId AND d.moderation = 'published'
              AND (@challengeId IS NULL OR d.challenge_id = @challengeId) AND (@keptId IS NULL OR d.merged_into = @keptId)
            ORDER BY d.merged_at DESC, d.id
            """, new { tenantId, challengeId, keptId });
        return rows.Select(r => new MergedIdea(r.Id, r.Title, r.IntoId, r.IntoTitle, (int)r.Comments, Time.FromUnixMs(r.MergedAt))).ToList();
    }

    private static Dictionary<long, int> Votes(DbConnection c, DbTransaction tx, string tenantId, long ideaId) =>
        c.Query<(long MemberId, long Value)>("SELECT member_id, value FROM votes WHERE tenant_id = @tenantId AND idea_id = @ideaId", new { tenantId, ideaId }, tx)
            .ToDictionary(v => v.MemberId, v => (int)v.Value);

    /// <summary>Sets the denormalised counters to what the rows say, the same sums the vote store keeps incrementally.</summary>
    internal static void Recount(DbConnection c, DbTransaction tx, string tenantId, long ideaId) =>
        c.Execute("""
            INSERT INTO idea_counts (tenant_id, idea_id, up_count, down_count, voter_count)
            SELECT @tenantId, @ideaId, COALESCE(SUM(CASE WHEN value > 0 THEN value ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN value < 0 THEN -value ELSE 0 END), 0), COUNT(*)
            FROM votes WHERE tenant_id = @tenantId AND idea_id = @ideaId
            ON CONFLICT (tenant_id, idea_id) DO UPDATE SET up_count = excluded.up_count, down_count = excluded.down_count, voter_count = excluded.voter_count
            """, new { tenantId, ideaId }, tx);
}
