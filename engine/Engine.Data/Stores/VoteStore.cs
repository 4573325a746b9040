using Dapper;
using Engine.Core.Common;
using Engine.Core.Votes;
using Engine.Data.GroupCommit;
using Engine.Data.Sqlite;
using System.Data.Common;

namespace Engine.Data.Stores;

/// <summary>
/// One vote per member per idea is the primary key; the idea's counters move in the same
/// transaction as the vote, by the difference between the old vote and the new one.
/// </summary>
public sealed class VoteStore(Database db) : IVoteStore
{
    private static readonly string[] Keys = ["tenantId", "ideaId", "memberId"];
    private static readonly string[] KeysAndValue = ["tenantId", "ideaId", "memberId", "value", "now"];
    private static readonly string[] Moves = ["tenantId", "ideaId", "up", "down", "voters"];

    // The hottest write there is: its few statements are kept prepared on the writer connection (KeptCommands).
    public Task<VoteTally> CastAsync(string tenantId, long ideaId, long memberId, int value, DateTimeOffset now, CancellationToken ct = default) =>
        db.Dialect == SqlDialect.Postgres
            ? db.WriteAsync(tenantId, WriteScope.Votes, new Statement<VoteTally>(CastInOneStatement, KeysAndValue,
                [tenantId, ideaId, memberId, value, now.ToUnixMs()], reader => Tally(reader, value)), ct)
            : db.WriteAsync(tenantId, WriteScope.Votes, (c, tx) => Change(c, tx, tenantId, ideaId, memberId, value, () => KeptCommands.Command(c, tx, """
                INSERT INTO votes (tenant_id, idea_id, member_id, value, created_at) VALUES (@tenantId, @ideaId, @memberId, @value, @now)
                ON CONFLICT (tenant_id, idea_id, member_id) DO UPDATE SET value = excluded.value, created_at = excluded.created_at
                """, KeysAndValue, tenantId, ideaId, memberId, value, now.ToUnixMs()).ExecuteNonQuery()), ct);

    public Task<VoteTally> RemoveAsync(string tenantId, long ideaId, long memberId, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, WriteScope.Votes, (c, tx) => Change(c, tx, tenantId, ideaId, memberId, 0, () =>
            KeptCommands.Command(c, tx, "DELETE FROM votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId",
                Keys, tenantId, ideaId, memberId).ExecuteNonQuery()), ct);

    /// <summary>
    /// Statement by statement: the member's previous vote; if it differs, the new one (<paramref name="write"/>), the
    /// counters moved by the difference (which answers the new counts), and a vote carried from a merged idea made
    /// their own; else the counts as they are.
    /// </summary>
    private static VoteTally Change(DbConnection c, DbTransaction tx, string tenantId, long ideaId, long memberId, int value, Action write)
    {
        var previous = KeptCommands.Command(c, tx, "SELECT value FROM votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId",
            Keys, tenantId, ideaId, memberId).ExecuteScalar() is { } found and not DBNull ? Convert.ToInt32(found) : 0;
        if (previous == value)
            return Tally(KeptCommands.Command(c, tx, CountsAsTheyAre, Keys[..2], tenantId, ideaId), value);
        write();
        var (up, down, voters) = Moved(previous, value);
        var tally = Tally(KeptCommands.Command(c, tx, """
            INSERT INTO idea_counts (tenant_id, idea_id, up_count, down_count, voter_count) VALUES (@tenantId, @ideaId, @up, @down, @voters)
            ON CONFLICT (tenant_id, idea_id) DO UPDATE SET up_count = idea_counts.up_count + excluded.up_count,
                down_count = idea_counts.down_count + excluded.down_count, voter_count = idea_counts.voter_count + excluded.voter_count
            RETURNING up_count, down_count
            """, Moves, tenantId, ideaId, up, down, voters), value);
        NowTheirOwn(c, tx, tenantId, ideaId, memberId);
        return tally;
    }

    /// <summary>
    /// On PostgreSQL each statement is a round trip to the server, so a vote is one statement (and the writer sends the
    /// votes waiting together in one batch): it reads the previous vote, and only if the new one differs writes it, moves
    /// the counters and makes a carried vote the member's own; it answers the counts either way. All parts see the data
    /// as it was before the statement, as the steps above do.
    /// </summary>
    private const string CastInOneStatement = """
            WITH previous AS (
                SELECT COALESCE((SELECT value FROM votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId), 0) AS value
            ), changed AS (
                SELECT value FROM previous WHERE value <> @value
            ), cast_vote AS (
                INSERT INTO votes (tenant_id, idea_id, member_id, value, created_at)
                SELECT @tenantId, @ideaId, @memberId, @value, @now FROM changed
                ON CONFLICT (tenant_id, idea_id, member_id) DO UPDATE SET value = excluded.value, created_at = excluded.created_at
            ), now_their_own AS (
                DELETE FROM carried_votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId AND EXISTS (SELECT 1 FROM changed)
            ), counted AS (
                INSERT INTO idea_counts (tenant_id, idea_id, up_count, down_count, voter_count)
                SELECT @tenantId, @ideaId, GREATEST(@value, 0) - GREATEST(changed.value, 0), GREATEST(-@value, 0) - GREATEST(-changed.value, 0),
                       (CASE WHEN @value <> 0 THEN 1 ELSE 0 END) - (CASE WHEN changed.value <> 0 THEN 1 ELSE 0 END)
                FROM changed
                ON CONFLICT (tenant_id, idea_id) DO UPDATE SET up_count = idea_counts.up_count + excluded.up_count,
                    down_count = idea_counts.down_count + excluded.down_count, voter_count = idea_counts.voter_count + excluded.voter_count
                RETURNING up_count, down_count
            ), unchanged AS (
            """ + "\n" + CountsAsTheyAre + "\n" + """
                AND NOT EXISTS (SELECT 1 FROM changed)
            )
            SELECT up_count, down_count FROM counted
            UNION ALL
            SELECT up_count, down_count FROM unchanged
            """;

    /// <summary>The idea's counts (zeros when no one has voted on it); no row when there is no such idea.</summary>
    private const string CountsAsTheyAre = """
            SELECT COALESCE(n.up_count, 0) AS up_count, COALESCE(n.down_count, 0) AS down_count FROM ideas i
            LEFT JOIN idea_counts n ON n.tenant_id = i.tenant_id AND n.idea_id = i.id
            WHERE i.tenant_id = @tenantId AND i.id = @ideaId
            """;

    /// <summary>Up sums positive values and down the size of negative ones, so thumbs count votes and points count points.</summary>
    private static (int Up, int Down, int Voters) Moved(int from, int to) =>
        (Math.Max(to, 0) - Math.Max(from, 0), Math.Max(-to, 0) - Math.Max(-from, 0), (to != 0 ? 1 : 0) - (from != 0 ? 1 : 0));

    private static VoteTally Tally(DbCommand counts, int myVote)
    {
        using var reader = counts.ExecuteReader();
        return Tally(reader, myVote);
    }

    private static VoteTally Tally(DbDataReader reader, int myVote)
    {
        if (!reader.Read()) throw new InvalidOperationException("The idea voted on is not in the database.");
        return new VoteTally(Convert.ToInt32(reader.GetValue(0)), Convert.ToInt32(reader.GetValue(1)), myVote);
    }

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
        KeptCommands.Command(c, tx, "DELETE FROM carried_votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId",
            Keys, tenantId, ideaId, memberId).ExecuteNonQuery();
}
