using Dapper;
using Engine.Core.Common;
using Engine.Core.Votes;
using Engine.Data.Sqlite;
using System.Data.Common;

namespace Engine.Data.Stores;

/// <summary>
/// One vote per member per idea is the primary key; the idea's counters move in the same
/// transaction as the vote, by the difference between the old vote and the new one.
/// </summary>
public sealed class VoteStore(Database db) : IVoteStore
{
    public Task<VoteTally> CastAsync(string tenantId, long ideaId, long memberId, int value, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, WriteScope.Votes, (c, tx) =>
        {
            var previous = PreviousVote(c, tx, tenantId, ideaId, memberId);
            if (previous != value)
            {
                c.Execute("""
                    INSERT INTO votes (tenant_id, idea_id, member_id, value, created_at) VALUES (@tenantId, @ideaId, @memberId, @value, @now)
                    ON CONFLICT (tenant_id, idea_id, member_id) DO UPDATE SET value = excluded.value, created_at = excluded.created_at
                    """, new { tenantId, ideaId, memberId, value, now = now.ToUnixMs() }, tx);
                MoveCounters(c, tx, tenantId, ideaId, previous, value);
                NowTheirOwn(c, tx, tenantId, ideaId, memberId);
            }
            return Tally(c, tx, tenantId, ideaId, value);
        }, ct);

    public Task<VoteTally> RemoveAsync(string tenantId, long ideaId, long memberId, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, WriteScope.Votes, (c, tx) =>
        {
            var previous = PreviousVote(c, tx, tenantId, ideaId, memberId);
            if (previous != 0)
            {
                c.Execute("DELETE FROM votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId",
                    new { tenantId, ideaId, memberId }, tx);
                MoveCounters(c, tx, tenantId, ideaId, previous, 0);
                NowTheirOwn(c, tx, tenantId, ideaId, memberId);
            }
            return Tally(c, tx, tenantId, ideaId, 0);
        }, ct);

    public async Task<IReadOnlyDictionary<long, int>> MyVotesInChallengeAsync(string tenantId, long memberId, long challengeId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long IdeaId, long Value)>("""
            SELECT v.idea_id, v.value FROM votes v
            JOIN ideas i ON i.tenant_id = v.tenant_id AND i.id = v.idea_id
            WHERE v.tenant_id = @tenantId AND v.member_id = @memberId AND i.challenge_id = @challengeId AND i.merged_into IS NULL
            """, new { tenantId, memberId, challengeId });
        return rows.ToDictionary(r => r.IdeaId, r => (int)r.Value);
    }

    public async Task<IReadOnlyDictionary<long, int>> MyVotesAsync(string tenantId, long memberId, IReadOnlyCollection<long> ideaIds, CancellationToken ct = default)
    {
        if (ideaIds.Count == 0) return new Dictionary<long, int>();
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long IdeaId, long Value)>(
            $"SELECT idea_id, value FROM votes WHERE tenant_id = @tenantId AND member_id = @memberId AND {db.IsIn("idea_id", "ideaIds")}",
            new { tenantId, memberId, ideaIds = ideaIds.ToArray() });
        return rows.ToDictionary(r => r.IdeaId, r => (int)r.Value);
    }

    /// <summary>A vote carried from a merged idea that the member changes or takes back is theirs now: undoing the merge leaves it alone.</summary>
    private static void NowTheirOwn(DbConnection c, DbTransaction tx, string tenantId, long ideaId, long memberId) =>
        c.Execute("DELETE FROM carried_votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId", new { tenantId, ideaId, memberId }, tx);

    private static int PreviousVote(DbConnection c, DbTransaction tx, string tenantId, long ideaId, long memberId) =>
        c.ExecuteScalar<int?>("SELECT value FROM votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId",
            new { tenantId, ideaId, memberId }, tx) ?? 0;

    /// <summary>Up sums positive values and down the size of negative ones, so thumbs count votes and points count points.</summary>
    private static void MoveCounters(DbConnection c, DbTransaction tx, string tenantId, long ideaId, int from, int to) =>
        c.Execute("""
            UPDATE ideas SET up_count = up_count + @up, down_count = down_count + @down, voter_count = voter_count + @voters
            WHERE tenant_id = @tenantId AND id = @ideaId
            """, new
        {
            tenantId, ideaId,
            up = Math.Max(to, 0) - Math.Max(from, 0),
            down = Math.Max(-to, 0) - Math.Max(-from, 0),
            voters = (to != 0 ? 1 : 0) - (from != 0 ? 1 : 0),
        }, tx);

    private static VoteTally Tally(DbConnection c, DbTransaction tx, string tenantId, long ideaId, int myVote)
    {
        var (up, down) = c.QuerySingle<(long, long)>("SELECT up_count, down_count FROM ideas WHERE tenant_id = @tenantId AND id = @ideaId",
            new { tenantId, ideaId }, tx);
        return new VoteTally((int)up, (int)down, myVote);
    }
}
