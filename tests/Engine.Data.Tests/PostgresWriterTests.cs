using System.Diagnostics;
using Dapper;
using Engine.Core.Common;
using Engine.Data.GroupCommit;
using Engine.Data.Postgres;
using Engine.Tests.Shared;
using Npgsql;

namespace Engine.Data.Tests;

/// <summary>PostgreSQL's writer: group commit, statements sent together in one batch, NOTIFY to the other nodes, stale prepared statements, and losing the server.</summary>
[Trait("Store", "Both")] // makes its own PostgreSQL databases: run once, not again in the PostgreSQL run
public sealed class PostgresWriterTests : IAsyncLifetime
{
    private readonly DataVersions _versions = new();
    private string _database = null!;
    private PostgresDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _db = new PostgresDatabase(_database, _versions);
        await Migrations.ApplyAsync(_db);
        await _db.WriteAsync((c, tx) => c.Execute("CREATE TABLE t (tenant_id TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (tenant_id, n))", transaction: tx));
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_database);
    }

    private long Count() { using var c = _db.OpenReader(); return c.ExecuteScalar<long>("SELECT COUNT(*) FROM t"); }

    [Fact]
    public async Task Writes_waiting_together_commit_in_one_transaction_and_one_that_fails_leaves_nothing_while_the_others_are_kept()
    {
        var (first, release) = HoldTheWriter((c, tx) => c.Execute("INSERT INTO t VALUES ('a', 0)", transaction: tx));
        var commitsBefore = _db.Commits;
        var before = _db.WriteAsync("a", (c, tx) => c.Execute("INSERT INTO t VALUES ('a', 1)", transaction: tx));
        var failing = _db.WriteAsync<int>("a", (c, tx) =>
        {
            c.Execute("INSERT INTO t VALUES ('a', 2)", transaction: tx);
            return c.Execute("INSERT INTO t VALUES ('a', 1)", transaction: tx); // duplicate key: PostgreSQL aborts the transaction unless rolled back to the savepoint
        });
        var after = Enumerable.Range(3, 50).Select(n => _db.WriteAsync("a", (c, tx) => c.Execute("INSERT INTO t VALUES ('a', @n)", new { n }, tx))).ToList();
        after.Should().OnlyContain(w => !w.IsCompleted, "nobody is answered before their write is committed");
        release.Set();
        await first; await before; await Task.WhenAll(after);

        (await failing.Invoking(f => f).Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("23505");
        Count().Should().Be(52, "0, 1 and 3..52: the failed write's first row is not kept");
        (_db.Commits - commitsBefore).Should().BeLessThanOrEqualTo(2, "the first write commits alone, the ones waiting behind it together");
    }

    private static Statement<long> Insert(long n) =>
        new("INSERT INTO t VALUES ('a', @n) RETURNING n * 10", ["n"], [n], reader => reader.Read() ? reader.GetInt64(0) : -1);

    [Fact]
    public async Task Statements_waiting_together_go_in_one_batch_each_with_its_own_answer_and_one_refused_fails_alone()
    {
        var (first, release) = HoldTheWriter((c, tx) => c.Execute("INSERT INTO t VALUES ('a', 0)", transaction: tx));
        var statements = Enumerable.Range(1, 30).Select(n => _db.WriteAsync("a", WriteScope.Votes, Insert(n == 20 ? 5 : n))).ToList();
        var code = _db.WriteAsync("a", (c, tx) => c.Execute("INSERT INTO t VALUES ('a', 100)", transaction: tx));
        var more = Enumerable.Range(101, 5).Select(n => _db.WriteAsync("a", WriteScope.Votes, Insert(n))).ToList();
        release.Set();
        await first; await code;

        (await statements[19].Invoking(f => f).Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("23505", "5 was inserted before it");
        (await Task.WhenAll(statements.Where((_, i) => i != 19))).Should().Equal(Enumerable.Range(1, 30).Where(n => n != 20).Select(n => n * 10L));
        (await Task.WhenAll(more)).Should().Equal(Enumerable.Range(101, 5).Select(n => n * 10L));
        Count().Should().Be(1 + 29 + 1 + 5);
    }

    [Fact]
    public async Task A_statement_run_before_another_runs_first_in_the_batch_and_again_when_the_group_runs_write_by_write()
    {
        // Each statement's own answer must come back to it, past the answers of the statements run before; the duplicate
        // sends the group round again, each write in its own savepoint, where the statement before runs on its own.
        var (first, release) = HoldTheWriter((c, tx) => c.Execute("INSERT INTO t VALUES ('a', 0)", transaction: tx));
        var statements = Enumerable.Range(1, 30).Select(n => _db.WriteAsync("a", WriteScope.Votes, Insert(n == 20 ? 5 : n) with
        {
            Before = new Statement("INSERT INTO t VALUES ('b', @n) RETURNING n", ["n"], [(long)n]),
        })).ToList();
        release.Set();
        await first;

        (await statements[19].Invoking(f => f).Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("23505", "5 was inserted before it");
        (await Task.WhenAll(statements.Where((_, i) => i != 19))).Should().Equal(Enumerable.Range(1, 30).Where(n => n != 20).Select(n => n * 10L));
        using var c = _db.OpenReader();
        c.Query<long>("SELECT n FROM t WHERE tenant_id = 'b' ORDER BY n").Should().Equal(Enumerable.Range(1, 30).Where(n => n != 20).Select(n => (long)n),
            "the statement before the refused one went with it");
    }

    [Fact]
    public async Task Statements_waiting_together_with_none_refused_are_answered_from_one_batch()
    {
        var (first, release) = HoldTheWriter((c, tx) => c.Execute("INSERT INTO t VALUES ('a', 0)", transaction: tx));
        var batchedBefore = _db.Batched;
        var statements = Enumerable.Range(1, 40).Select(n => _db.WriteAsync("a", WriteScope.Votes, Insert(n))).ToList();
        release.Set();
        await first;

        (await Task.WhenAll(statements)).Should().Equal(Enumerable.Range(1, 40).Select(n => n * 10L));
        (_db.Batched - batchedBefore).Should().Be(40);
        Count().Should().Be(41);
    }

    [Fact]
    public async Task A_group_of_statements_alone_commits_in_the_round_trip_that_runs_it_and_a_group_with_code_in_a_transaction()
    {
        // One round trip, COMMIT included: the group's locks are held only while the server runs it (bench figure 8).
        var (first, release) = HoldTheWriter((c, tx) => c.Execute("INSERT INTO t VALUES ('a', 0)", transaction: tx));
        var oneTripBefore = _db.CommittedInOneTrip;
        var statements = Enumerable.Range(1, 10).Select(n => _db.WriteAsync("a", WriteScope.Votes, Insert(n))).ToList();
        release.Set();
        await first;
        (await Task.WhenAll(statements)).Should().Equal(Enumerable.Range(1, 10).Select(n => n * 10L));
        (_db.CommittedInOneTrip - oneTripBefore).Should().Be(1, "the held code write committed in its transaction, the ten statements in one trip");

        (first, release) = HoldTheWriter((c, tx) => c.Execute("INSERT INTO t VALUES ('a', 100)", transaction: tx));
        var mixed = Enumerable.Range(101, 5).Select(n => _db.WriteAsync("a", WriteScope.Votes, Insert(n))).Append(
            _db.WriteAsync("a", (c, tx) => (long)c.Execute("INSERT INTO t VALUES ('a', 200)", transaction: tx))).ToList();
        release.Set();
        await first;
        await Task.WhenAll(mixed);
        (_db.CommittedInOneTrip - oneTripBefore).Should().Be(1, "a group holding a write given as code runs in a transaction of the writer's");
        Count().Should().Be(1 + 10 + 1 + 5 + 1);
    }

    [Fact]
    public async Task A_statement_refused_in_a_group_sent_in_one_trip_takes_nothing_of_the_others_with_it()
    {
        var (first, release) = HoldTheWriter((c, tx) => c.Execute("INSERT INTO t VALUES ('a', 0)", transaction: tx));
        var oneTripBefore = _db.CommittedInOneTrip;
        var statements = Enumerable.Range(1, 10).Select(n => _db.WriteAsync("a", WriteScope.Votes, Insert(n == 7 ? 3 : n))).ToList();
        release.Set();
        await first;

        (await statements[6].Invoking(f => f).Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("23505");
        (await Task.WhenAll(statements.Where((_, i) => i != 6))).Should().Equal(Enumerable.Range(1, 10).Where(n => n != 7).Select(n => n * 10L));
        (_db.CommittedInOneTrip - oneTripBefore).Should().Be(0, "the trip was rolled back whole, and the group ran again write by write");
        Count().Should().Be(1 + 9);
    }

    [Fact]
    public async Task A_schema_change_under_the_writers_prepared_statements_costs_no_write()
    {
        var read = await InsertReturningAColumnAsync();
        for (var i = 0; i < 3; i++) (await _db.WriteAsync("a", WriteScope.Everything, read)).Should().Be("1");
        await ChangeTheColumnsTypeOnAnotherNodeAsync();
        (await _db.WriteAsync("a", WriteScope.Everything, read)).Should().Be("1", "the writer prepares again on a fresh connection");
        (await _db.WriteAsync("a", WriteScope.Everything, read)).Should().Be("1");
    }

    [Fact]
    public async Task A_schema_change_under_a_statement_the_writer_prepared_by_itself_costs_no_write()
    {
        var read = await InsertReturningAColumnAsync();
        // A statement followed by a write given as code is run by itself, on a command prepared once for the connection.
        async Task<string> AloneAsync()
        {
            var (hold, release) = HoldTheWriter((_, _) => 0);
            var batched = _db.Batched;
            var answer = _db.WriteAsync("a", WriteScope.Everything, read);
            var code = _db.WriteAsync("a", (c, tx) => c.Execute("SELECT 1", transaction: tx));
            release.Set();
            await hold; await code;
            _db.Batched.Should().Be(batched);
            return await answer;
        }
        (await AloneAsync()).Should().Be("1");
        await ChangeTheColumnsTypeOnAnotherNodeAsync();
        (await AloneAsync()).Should().Be("1", "the writer prepares again on a fresh connection");
    }

    [Fact]
    public async Task Another_node_hears_each_commit_and_moves_that_tenants_data_version()
    {
        await using var node = await OtherNode.ListeningAsync(_database);
        var (other, otherVersions) = (node.Database, node.Versions);
        var before = otherVersions.Of("north");

        await _db.WriteAsync("north", (c, tx) => c.Execute("INSERT INTO t VALUES ('north', 1)", transaction: tx));
        await Until(() => otherVersions.Of("north") > before);
        otherVersions.Of("north").Should().BeGreaterThan(before);
        node.Heard("north").Should().BeTrue();

        // Its own commits it knows already: it does not hear them back.
        await other.WriteAsync("south", (c, tx) => c.Execute("INSERT INTO t VALUES ('south', 1)", transaction: tx));
        await _db.WriteAsync("east", (c, tx) => c.Execute("INSERT INTO t VALUES ('east', 1)", transaction: tx));
        await Until(() => node.Heard("east"));
        node.Heard("south").Should().BeFalse();
    }

    [Fact]
    public async Task Another_node_hears_a_vote_as_a_vote_and_keeps_what_votes_cannot_change()
    {
        await using var node = await OtherNode.ListeningAsync(_database);
        var otherVersions = node.Versions;
        var (any, besidesVotes) = (otherVersions.Of("north"), otherVersions.BesidesVotes("north"));

        await _db.WriteAsync("north", WriteScope.Votes, (c, tx) => c.Execute("INSERT INTO t VALUES ('north', 2)", transaction: tx));
        await Until(() => otherVersions.Of("north") > any);
        otherVersions.BesidesVotes("north").Should().Be(besidesVotes, "a member row or a challenge kept there is still good");
        node.Heard("north").Should().BeFalse("votes change no settings, so nothing is reloaded");

        await _db.WriteAsync("north", (c, tx) => c.Execute("INSERT INTO t VALUES ('north', 3)", transaction: tx));
        await Until(() => node.Heard("north"));
        otherVersions.BesidesVotes("north").Should().BeGreaterThan(besidesVotes);
    }

    [Fact]
    public async Task Another_node_hears_a_storm_of_votes_in_one_notice_per_window_that_includes_the_last_vote()
    {
        await using var node = await OtherNode.ListeningAsync(_database);
        var window = TimeSpan.FromSeconds(1);
        await using var voter = new PostgresDatabase(_database, new DataVersions(), voteNoticeWindow: window);
        var (north, south) = (node.Versions.Of("north"), node.Versions.Of("south"));

        var storm = Stopwatch.StartNew();
        for (var n = 10; n < 30; n++) await Vote(voter, "north", n);
        await Vote(voter, "south", 1);
        var elapsed = storm.Elapsed;

        // The other node can hear a notice before the voter has counted it (it counts once NOTIFY returns): wait for both.
        await Until(() => node.Versions.Of("south") > south && voter.Notices >= 1);
        node.Versions.Of("south").Should().BeGreaterThan(south, "the last vote, cast after the first notice was due, is announced too");
        node.Versions.Of("north").Should().BeGreaterThan(north);
        voter.Commits.Should().Be(21, "each vote was awaited before the next, so each had a commit of its own");
        voter.Notices.Should().BeInRange(1, (long)(elapsed / window) + 1, "one notice per window, not one per commit");
    }

    [Fact]
    public async Task Votes_waiting_for_their_notice_are_announced_when_the_node_stops()
    {
        await using var node = await OtherNode.ListeningAsync(_database);
        var south = node.Versions.Of("south");
        var voter = new PostgresDatabase(_database, new DataVersions(), voteNoticeWindow: TimeSpan.FromMinutes(10));

        await Vote(voter, "south", 2);
        await voter.DisposeAsync();

        await Until(() => node.Versions.Of("south") > south);
        node.Versions.Of("south").Should().BeGreaterThan(south);
    }

    private static Task<int> Vote(PostgresDatabase db, string tenantId, int n) =>
        db.WriteAsync(tenantId, WriteScope.Votes, (c, tx) => c.Execute("INSERT INTO t VALUES (@tenantId, @n)", new { tenantId, n }, tx));

    [Fact]
    public async Task A_write_meeting_a_connection_the_server_closed_is_run_again_on_a_fresh_one_and_kept_once()
    {
        await _db.WriteAsync("a", (c, tx) => c.Execute("INSERT INTO t VALUES ('a', 1)", transaction: tx));
        var runs = 0;
        await TerminateTheWritersSessionAsync();
        await _db.WriteAsync("a", (c, tx) => { Interlocked.Increment(ref runs); return c.Execute("INSERT INTO t VALUES ('a', 2)", transaction: tx); });
        runs.Should().Be(2, "the first try met the closed connection and was rolled back; the second committed");
        Count().Should().Be(2);
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_as_storage_unavailable_not_as_a_bad_request()
    {
        await using var nowhere = new PostgresDatabase("Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=2");
        var act = () => nowhere.WriteAsync("a", (c, tx) => c.Execute("SELECT 1", transaction: tx));
        (await act.Should().ThrowAsync<NpgsqlException>()).Which.Should().Match<Exception>(e => DbErrors.IsStorageUnavailable(e));
    }

    /// <summary>The operator (or a failover) ends the writer's session while it is idle.</summary>
    private async Task TerminateTheWritersSessionAsync()
    {
        await using var admin = new NpgsqlConnection(TestPostgres.Server);
        await admin.OpenAsync();
        await admin.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name",
            new { name = new NpgsqlConnectionStringBuilder(_database).Database });
    }

    /// <summary>Holds the writer inside a write until released, so the writes queued meanwhile form one group.</summary>
    private (Task<int> First, ManualResetEventSlim Release) HoldTheWriter(Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, int> work)
    {
        var release = new ManualResetEventSlim();
        var started = new ManualResetEventSlim();
        var first = _db.WriteAsync("a", (c, tx) => { started.Set(); release.Wait(TimeSpan.FromSeconds(30)); return work(c, tx); });
        started.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
        return (first, release);
    }

    /// <summary>A statement whose answer is a column of a table of its own, whose type the test can change.</summary>
    private async Task<Statement<string>> InsertReturningAColumnAsync()
    {
        await _db.WriteAsync((c, tx) => c.Execute("CREATE TABLE s (n BIGINT NOT NULL)", transaction: tx));
        return new Statement<string>("INSERT INTO s VALUES (1) RETURNING n", [], [], r => r.Read() ? r.GetValue(0).ToString()! : "");
    }

    /// <summary>Another node's migration changes the type of the column the statement returns.</summary>
    private async Task ChangeTheColumnsTypeOnAnotherNodeAsync()
    {
        await using var other = new NpgsqlConnection(_database);
        await other.OpenAsync();
        await other.ExecuteAsync("ALTER TABLE s ALTER COLUMN n TYPE TEXT");
    }

    /// <summary>A second engine node on the same database, listening for the first one's commits.</summary>
    private sealed class OtherNode : IAsyncDisposable
    {
        private readonly List<string?> _heard = [];
        private readonly CancellationTokenSource _stop = new();
        private Task _listening = Task.CompletedTask;

        private OtherNode(string database) => Database = new PostgresDatabase(database, Versions);

        public DataVersions Versions { get; } = new();
        public PostgresDatabase Database { get; }

        public static async Task<OtherNode> ListeningAsync(string database)
        {
            var node = new OtherNode(database);
            node.Database.ChangedOnAnotherNode += t => { lock (node._heard) node._heard.Add(t); };
            node._listening = node.Database.WatchOtherNodesAsync(node._stop.Token);
            await Until(() => node.Heard(null)); // connected: it drops everything once
            return node;
        }

        /// <summary>Whether this node was told of a change to <paramref name="tenantId"/> (null: of every tenant).</summary>
        public bool Heard(string? tenantId) { lock (_heard) return _heard.Contains(tenantId); }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _listening;
            await Database.DisposeAsync();
            _stop.Dispose();
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(10);
    }
}
