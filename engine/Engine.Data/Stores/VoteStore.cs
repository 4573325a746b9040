using Dapper;
using Engine.Core.Common;
using Engine.Core.Events;
using Engine.Core.Votes;
using Engine.Data.Events;
using Engine.Data.GroupCommit;
using Engine.Sdk;
using System.Data.Common;

namespace Engine.Data.Stores;

/// <summary>
/// One vote per member per idea is the primary key; the idea's counters move in the same
/// transaction as the vote, by the difference between the old vote and the new one, and so does the vote's event where the
/// site has event handlers (a vote that changes nothing tells nothing).
/// </summary>
public sealed class VoteStore(Database db, IEventSubscribers? events = null) : IVoteStore
{
    private static readonly string[] Keys = ["tenantId", "ideaId", "memberId"];
    private static readonly string[] KeysAndValue = ["tenantId", "ideaId", "memberId", "value", "now"];
    private static readonly string[] Moves = ["tenantId", "ideaId", "up", "down", "voters"];
    private static readonly string[] MembersVotes = ["tenantId", "challengeId", "memberId"];
    private static readonly string[] KeysValueAndDecidedOn = [.. KeysAndValue, "challengeId", "decidedOnIdeas", "decidedOnValues"];
    private static readonly string[] KeysValueAndStream = [.. KeysAndValue, "stream"];
    private static readonly string[] KeysValueDecidedOnAndStream = [.. KeysValueAndDecidedOn, "stream"];
    private static readonly string[] KeysAndRemoved = [.. Keys, "value"];
    private static readonly string[] IdeasCounts = ["tenantId", "ideaId"];
    private static readonly string[] TenantAndMember = ["tenantId", "memberId"];

    // The hottest write there is: its few statements are kept prepared on the writer connection (KeptCommands).
    public Task<VoteTally> CastAsync(string tenantId, long ideaId, long memberId, int value, DateTimeOffset now, CancellationToken ct = default)
    {
        var tell = events.Wanted(tenantId);
        return db.Dialect == SqlDialect.Postgres
            ? db.WriteAsync(tenantId, WriteScope.Votes, tell
                ? new Statement<VoteTally>(CastAndTellInOneStatement, KeysValueAndStream,
                    [tenantId, ideaId, memberId, value, now.ToUnixMs(), Outbox.IdeaStream(ideaId)], reader => Tally(reader, value)) { Order = new RowOrder(tenantId, ideaId, memberId), Locks = [PeopleLock(tenantId, memberId), CountsLock(tenantId, ideaId)] }
                : new Statement<VoteTally>(CastInOneStatement, KeysAndValue,
                    [tenantId, ideaId, memberId, value, now.ToUnixMs()], reader => Tally(reader, value)) { Order = new RowOrder(tenantId, ideaId, memberId), Locks = [PeopleLock(tenantId, memberId), CountsLock(tenantId, ideaId)] }, ct)
            : db.WriteAsync(tenantId, WriteScope.Votes, (c, tx) => Change(c, tx, tenantId, ideaId, memberId, value, tell ? now : null,
                () => Upsert(c, tx, tenantId, ideaId, memberId, value, now)), ct);
    }

    /// <summary>
    /// The member's votes in the challenge are read in the writer's transaction and compared with those the rule decided on:
    /// only the same votes let the vote be written. No plugin code runs here (see CastVote). On PostgreSQL, where other
    /// nodes write at the same time, the statement first waits for a lock on the member's votes in the challenge, held to
    /// the commit, so that no other node writes one of them between this read and this write; the statement still goes
    /// to the server in the batch with the other votes waiting (no round trip of its own).
    /// </summary>
    public Task<VoteTally?> CastIfUnchangedAsync(string tenantId, long ideaId, long memberId, long challengeId, int value, DateTimeOffset now,
        IReadOnlyDictionary<long, int> decidedOn, CancellationToken ct = default)
    {
        var tell = events.Wanted(tenantId);
        object?[] values = [tenantId, ideaId, memberId, value, now.ToUnixMs(), challengeId, decidedOn.Select(v => v.Key).ToArray(), decidedOn.Select(v => (long)v.Value).ToArray()];
        return db.Dialect == SqlDialect.Postgres
            ? db.WriteAsync(tenantId, WriteScope.Votes, new Statement<VoteTally?>(tell ? CastAsDecidedAndTellInOneStatement : CastAsDecidedInOneStatement,
                tell ? KeysValueDecidedOnAndStream : KeysValueAndDecidedOn, tell ? [.. values, Outbox.IdeaStream(ideaId)] : values,
                reader => TallyUnlessChanged(reader, value))
            {
                // Statements of their own: a statement sees what was committed when it started, so the check must start after the locks are granted.
                // The writer takes a group's locks first, sorted, then runs its votes sorted by idea and member (Statement.Order): two nodes then never hold what the other waits for.
                Locks = [new Statement(LockMembersVotes, MembersVotes, [tenantId, challengeId, memberId]) { Order = new RowOrder(tenantId, challengeId, memberId) },
                    PeopleLock(tenantId, memberId), CountsLock(tenantId, ideaId)],
                Order = new RowOrder(tenantId, ideaId, memberId),
            }, ct)
            // One writer per database runs the writes one at a time, and SQLite lets no other process write meanwhile.
            : db.WriteAsync(tenantId, WriteScope.Votes, (c, tx) =>
                Same(ReadMine(KeptCommands.Command(c, tx, MineInChallenge, MembersVotes, tenantId, challengeId, memberId)), decidedOn)
                    ? Change(c, tx, tenantId, ideaId, memberId, value, tell ? now : null, () => Upsert(c, tx, tenantId, ideaId, memberId, value, now))
                    : (VoteTally?)null, ct);
    }

    private static void Upsert(DbConnection c, DbTransaction tx, string tenantId, long ideaId, long memberId, int value, DateTimeOffset now) =>
        KeptCommands.Command(c, tx, """
            INSERT INTO votes (tenant_id, idea_id, member_id, value, created_at) VALUES (@tenantId, @ideaId, @memberId, @value, @now)
            ON CONFLICT (tenant_id, idea_id, member_id) DO UPDATE SET value = excluded.value, created_at = excluded.created_at
            """, KeysAndValue, tenantId, ideaId, memberId, value, now.ToUnixMs()).ExecuteNonQuery();

    private static Dictionary<long, int> ReadMine(DbCommand mine)
    {
        using var reader = mine.ExecuteReader();
        var votes = new Dictionary<long, int>();
        while (reader.Read()) votes[reader.GetInt64(0)] = Convert.ToInt32(reader.GetValue(1));
        return votes;
    }

    private static bool Same(Dictionary<long, int> now, IReadOnlyDictionary<long, int> decidedOn) =>
        now.Count == decidedOn.Count && now.All(vote => decidedOn.TryGetValue(vote.Key, out var value) && value == vote.Value);

    /// <summary>
    /// Every node takes the same lock for one member's votes in one challenge (a key hashed from the three by the server,
    /// so all nodes agree); two members rarely share a key, and then only wait for each other. Released at the commit.
    /// </summary>
    private const string LockMembersVotes = "SELECT pg_advisory_xact_lock(hashtextextended('votes/' || @tenantId || '/' || @challengeId || '/' || @memberId, 0))";

    /// <summary>
    /// Every vote on PostgreSQL first takes its idea's counts lock, as the group's first statements, sorted by idea with the
    /// members' locks (Statement.Locks): whoever changes an idea's votes and counts holds it to the commit. Without it a
    /// member changing their vote on one idea through two nodes at once had one node take the votes row, the other the
    /// counts row, each then waiting for the other (a deadlock PostgreSQL breaks after a second, stalling both nodes), and
    /// the second vote's statement could count from the previous vote it read before the first committed. Its order has
    /// 0 for the member (ids start at 1), so it never equals a member's lock, and ties only with the same idea's lock.
    /// </summary>
    private static Statement CountsLock(string tenantId, long ideaId) =>
        new(LockIdeasCounts, IdeasCounts, [tenantId, ideaId]) { Order = new RowOrder(tenantId, ideaId, 0) };

    /// <summary>
    /// A vote moves its member's row of the people in the numbers (the participants table, kept by triggers, migration step 32),
    /// and the group's votes reach those rows in the order of their ideas, not of their members: so each vote first takes its
    /// member's people lock with the group's other locks, sorted, as the triggers do before they move anyone's row
    /// (participants_lock, the same key). Its order has 0 for the challenge or idea (ids start at 1): it ties with no other lock.
    /// </summary>
    private static Statement PeopleLock(string tenantId, long memberId) =>
        new(LockPeople, TenantAndMember, [tenantId, memberId]) { Order = new RowOrder(tenantId, 0, memberId) };

    // participants_lock(t, m, '') written out, so a vote works on a database an earlier release left (the upgrade tests vote before step 32).
    private const string LockPeople = "SELECT pg_advisory_xact_lock(hashtextextended('people/' || @tenantId || '/' || @memberId || '/', 0))";

    private const string LockIdeasCounts = "SELECT pg_advisory_xact_lock(hashtextextended('counts/' || @tenantId || '/' || @ideaId, 0))";

    /// <summary>
    /// The member's votes on the ideas of one challenge, as the voting rule is given them (merged ideas left out, and ideas
    /// their authors withdrew: those votes can no longer be taken back, so they must not hold a budget).
    /// </summary>
    private const string MineInChallenge = """
            SELECT v.idea_id, v.value FROM votes v
            JOIN ideas i ON i.tenant_id = v.tenant_id AND i.id = v.idea_id
            WHERE v.tenant_id = @tenantId AND v.member_id = @memberId AND i.challenge_id = @challengeId AND i.merged_into IS NULL
              AND i.moderation <> 'withdrawn'
            """;

    public Task<VoteTally> RemoveAsync(string tenantId, long ideaId, long memberId, CancellationToken ct = default) =>
        db.Dialect == SqlDialect.Postgres
            // One statement, as a vote is, so that it too takes its idea's counts lock with the group's first statements.
            ? db.WriteAsync(tenantId, WriteScope.Votes, events.Wanted(tenantId)
                ? new Statement<VoteTally>(RemoveAndTellInOneStatement, KeysValueAndStream,
                    [tenantId, ideaId, memberId, 0, DateTimeOffset.UtcNow.ToUnixMs(), Outbox.IdeaStream(ideaId)], reader => Tally(reader, 0)) { Order = new RowOrder(tenantId, ideaId, memberId), Locks = [PeopleLock(tenantId, memberId), CountsLock(tenantId, ideaId)] }
                : new Statement<VoteTally>(RemoveInOneStatement, KeysAndRemoved, [tenantId, ideaId, memberId, 0], reader => Tally(reader, 0))
                    { Order = new RowOrder(tenantId, ideaId, memberId), Locks = [PeopleLock(tenantId, memberId), CountsLock(tenantId, ideaId)] }, ct)
            : db.WriteAsync(tenantId, WriteScope.Votes, (c, tx) => Change(c, tx, tenantId, ideaId, memberId, 0, events.Wanted(tenantId) ? DateTimeOffset.UtcNow : null, () =>
            KeptCommands.Command(c, tx, "DELETE FROM votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId",
                Keys, tenantId, ideaId, memberId).ExecuteNonQuery()), ct);

    /// <summary>
    /// Statement by statement: the member's previous vote; if it differs, the new one (<paramref name="write"/>), the
    /// counters moved by the difference (which answers the new counts), a vote carried from a merged idea made
    /// their own, and the vote's event when <paramref name="tellAt"/> is given; else the counts as they are.
    /// </summary>
    private static VoteTally Change(DbConnection c, DbTransaction tx, string tenantId, long ideaId, long memberId, int value, DateTimeOffset? tellAt, Action write)
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
        if (tellAt is { } at)
            Outbox.Record(c, tx, tenantId, Outbox.IdeaStream(ideaId), EventKinds.VoteCast,
                new EventFacts { IdeaId = ideaId, Value = value, Up = tally.Up, Down = tally.Down }, at);
        return tally;
    }

    /// <summary>
    /// On PostgreSQL each statement is a round trip to the server, so a vote is one statement (and the writer sends the
    /// votes waiting together in one batch): it reads the previous vote, and only if the new one differs writes it, moves
    /// the counters and makes a carried vote the member's own; it answers the counts either way. All parts see the data
    /// as it was before the statement, as the steps above do.
    /// </summary>
    private static readonly string CastInOneStatement = Cast(asDecided: false);

    /// <summary>
    /// The same, only if the member's votes in the challenge (<see cref="MineInChallenge"/>) are those the rule decided on
    /// (given as two arrays, ideas and values); if not, nothing is written and the one row answered holds nulls.
    /// </summary>
    private static readonly string CastAsDecidedInOneStatement = Cast(asDecided: true);

    /// <summary>
    /// The same two, also writing the vote's event (parameter @stream) when the vote changed anything: its number in the
    /// idea's stream is taken by locking the stream's row, as <see cref="Outbox.Record"/> does, after the counters' row.
    /// </summary>
    private static readonly string CastAndTellInOneStatement = Cast(asDecided: false, tell: true);
    private static readonly string CastAsDecidedAndTellInOneStatement = Cast(asDecided: true, tell: true);

    /// <summary>The member's vote taken back (@value is 0): the previous vote deleted, and the counters moved as by a vote of 0.</summary>
    private static readonly string RemoveInOneStatement = Cast(asDecided: false, remove: true);
    private static readonly string RemoveAndTellInOneStatement = Cast(asDecided: false, tell: true, remove: true);

    private static string Cast(bool asDecided, bool tell = false, bool remove = false) => $"""
            WITH {(asDecided ? AsDecided : "")}previous AS (
                {(remove ? "DELETE FROM votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId RETURNING value"
                    : "SELECT COALESCE((SELECT value FROM votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId), 0) AS value")}
                {(asDecided ? "FROM as_decided" : "")}
            ), changed AS (
                SELECT value FROM previous WHERE value <> @value
            ), {(remove ? "" : CastVote)}now_their_own AS (
                DELETE FROM carried_votes WHERE tenant_id = @tenantId AND idea_id = @ideaId AND member_id = @memberId AND EXISTS (SELECT 1 FROM changed)
            ), counted AS (
                INSERT INTO idea_counts (tenant_id, idea_id, up_count, down_count, voter_count)
                SELECT @tenantId, @ideaId, GREATEST(@value, 0) - GREATEST(changed.value, 0), GREATEST(-@value, 0) - GREATEST(-changed.value, 0),
                       (CASE WHEN @value <> 0 THEN 1 ELSE 0 END) - (CASE WHEN changed.value <> 0 THEN 1 ELSE 0 END)
                FROM changed
                ON CONFLICT (tenant_id, idea_id) DO UPDATE SET up_count = idea_counts.up_count + excluded.up_count,
                    down_count = idea_counts.down_count + excluded.down_count, voter_count = idea_counts.voter_count + excluded.voter_count
                RETURNING up_count, down_count
            ), {(tell ? Tell : "")}unchanged AS (
            {CountsAsTheyAre}
                AND NOT EXISTS (SELECT 1 FROM changed) {(asDecided ? "AND EXISTS (SELECT 1 FROM as_decided)" : "")}
            )
            SELECT up_count, down_count FROM counted
            UNION ALL
            SELECT up_count, down_count FROM unchanged
            {(asDecided ? "UNION ALL SELECT NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM as_decided)" : "")}
            """;

    private const string CastVote = """
            cast_vote AS (
                INSERT INTO votes (tenant_id, idea_id, member_id, value, created_at)
                SELECT @tenantId, @ideaId, @memberId, @value, @now FROM changed
                ON CONFLICT (tenant_id, idea_id, member_id) DO UPDATE SET value = excluded.value, created_at = excluded.created_at
            ), 
            """;

    private const string Tell = $"""
            streamed AS (
                INSERT INTO event_streams (tenant_id, stream, last_seq) SELECT @tenantId, @stream, 1 FROM counted
                ON CONFLICT (tenant_id, stream) DO UPDATE SET last_seq = event_streams.last_seq + 1
                RETURNING last_seq
            ), told AS (
                INSERT INTO event_outbox (tenant_id, stream, seq, kind, payload, created_at, next_attempt_at)
                SELECT @tenantId, @stream, streamed.last_seq, '{EventKinds.VoteCast}',
                       json_build_object('ideaId', @ideaId, 'value', @value, 'up', counted.up_count, 'down', counted.down_count)::text, @now, @now
                FROM streamed, counted
            ), 
            """;

    /// <summary>Whether the member's votes in the challenge are those given as the two arrays (ideas, values).</summary>
    private const string AsDecided = $"""
            mine AS (
            {MineInChallenge}
            ), decided_on AS (
                SELECT idea_id, value FROM unnest(@decidedOnIdeas::bigint[], @decidedOnValues::bigint[]) AS d (idea_id, value)
            ), as_decided AS (
                SELECT 1 WHERE NOT EXISTS (SELECT idea_id, value FROM mine EXCEPT SELECT idea_id, value FROM decided_on)
                    AND NOT EXISTS (SELECT idea_id, value FROM decided_on EXCEPT SELECT idea_id, value FROM mine)
            ), 
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

    private static VoteTally Tally(DbDataReader reader, int myVote) => TallyUnlessChanged(reader, myVote)
        ?? throw new InvalidOperationException("The idea's counts were read as nulls.");

    /// <summary>The counts answered; null when they are nulls (<see cref="CastAsDecidedInOneStatement"/> found the member's votes changed).</summary>
    private static VoteTally? TallyUnlessChanged(DbDataReader reader, int myVote)
    {
        if (!reader.Read()) throw new InvalidOperationException("The idea voted on is not in the database.");
        return reader.IsDBNull(0) ? null : new VoteTally(Convert.ToInt32(reader.GetValue(0)), Convert.ToInt32(reader.GetValue(1)), myVote);
    }

    public async Task<IReadOnlyDictionary<long, int>> MyVotesInChallengeAsync(string tenantId, long memberId, long challengeId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long IdeaId, long Value)>(MineInChallenge, new { tenantId, memberId, challengeId });
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
