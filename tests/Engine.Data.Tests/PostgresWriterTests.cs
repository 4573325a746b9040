using Dapper;
using Engine.Core.Common;
using Engine.Data.GroupCommit;
using Engine.Data.Postgres;
using Engine.Data.Sqlite;
using Engine.Tests.Shared;
using Npgsql;

namespace Engine.Data.Tests;

/// <summary>PostgreSQL's writer: group commit with a savepoint per write, NOTIFY to the other nodes, and losing the server.</summary>
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
        var release = new ManualResetEventSlim();
        var started = new ManualResetEventSlim();
        var first = _db.WriteAsync("a", (c, tx) => { started.Set(); release.Wait(TimeSpan.FromSeconds(30)); return c.Execute("INSERT INTO t VALUES ('a', 0)", transaction: tx); });
        started.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
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
        var release = new ManualResetEventSlim();
        var started = new ManualResetEventSlim();
        var first = _db.WriteAsync("a", (c, tx) => { started.Set(); release.Wait(TimeSpan.FromSeconds(30)); return c.Execute("INSERT INTO t VALUES ('a', 0)", transaction: tx); });
        started.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
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
    public async Task Statements_waiting_together_with_none_refused_are_answered_from_one_batch()
    {
        var release = new ManualResetEventSlim();
        var started = new ManualResetEventSlim();
        var first = _db.WriteAsync("a", (c, tx) => { started.Set(); release.Wait(TimeSpan.FromSeconds(30)); return c.Execute("INSERT INTO t VALUES ('a', 0)", transaction: tx); });
        started.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
        var batchedBefore = _db.Batched;
        var statements = Enumerable.Range(1, 40).Select(n => _db.WriteAsync("a", WriteScope.Votes, Insert(n))).ToList();
        release.Set();
        await first;

        (await Task.WhenAll(statements)).Should().Equal(Enumerable.Range(1, 40).Select(n => n * 10L));
        (_db.Batched - batchedBefore).Should().Be(40);
        Count().Should().Be(41);
    }

    [Fact]
    public async Task A_schema_change_under_the_writers_prepared_statements_costs_no_write()
    {
        await _db.WriteAsync((c, tx) => c.Execute("CREATE TABLE s (n BIGINT NOT NULL)", transaction: tx));
        var read = new Statement<string>("INSERT INTO s VALUES (1) RETURNING n", [], [], r => r.Read() ? r.GetValue(0).ToString()! : "");
        for (var i = 0; i < 3; i++) (await _db.WriteAsync("a", WriteScope.Everything, read)).Should().Be("1");
        // Another node's migration changes the type of a column the prepared statement returns.
        await using (var other = new NpgsqlConnection(_database))
        {
            await other.OpenAsync();
            await other.ExecuteAsync("ALTER TABLE s ALTER COLUMN n TYPE TEXT");
        }
        (await _db.WriteAsync("a", WriteScope.Everything, read)).Should().Be("1", "the writer prepares again on a fresh connection");
        (await _db.WriteAsync("a", WriteScope.Everything, read)).Should().Be("1");
    }

    [Fact]
    public async Task A_schema_change_under_a_statement_the_writer_prepared_by_itself_costs_no_write()
    {
        await _db.WriteAsync((c, tx) => c.Execute("CREATE TABLE s (n BIGINT NOT NULL)", transaction: tx));
        var read = new Statement<string>("INSERT INTO s VALUES (1) RETURNING n", [], [], r => r.Read() ? r.GetValue(0).ToString()! : "");
        // A statement followed by a write given as code is run by itself, on a command prepared once for the connection.
        async Task<string> AloneAsync()
        {
            var release = new ManualResetEventSlim();
            var started = new ManualResetEventSlim();
            var hold = _db.WriteAsync("a", (c, tx) => { started.Set(); release.Wait(TimeSpan.FromSeconds(30)); return 0; });
            started.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
            var batched = _db.Batched;
            var answer = _db.WriteAsync("a", WriteScope.Everything, read);
            var code = _db.WriteAsync("a", (c, tx) => c.Execute("SELECT 1", transaction: tx));
            release.Set();
            await hold; await code;
            _db.Batched.Should().Be(batched);
            return await answer;
        }
        (await AloneAsync()).Should().Be("1");
        await using (var other = new NpgsqlConnection(_database))
        {
            await other.OpenAsync();
            await other.ExecuteAsync("ALTER TABLE s ALTER COLUMN n TYPE TEXT");
        }
        (await AloneAsync()).Should().Be("1", "the writer prepares again on a fresh connection");
    }

    [Fact]
    public async Task Another_node_hears_each_commit_and_moves_that_tenants_data_version()
    {
        var otherVersions = new DataVersions();
        await using var other = new PostgresDatabase(_database, otherVersions);
        var heard = new List<string?>();
        other.ChangedOnAnotherNode += t => { lock (heard) heard.Add(t); };
        using var stop = new CancellationTokenSource();
        var listening = other.WatchOtherNodesAsync(stop.Token);
        await Until(() => { lock (heard) return heard.Contains(null); }); // connected: it drops everything once
        var before = otherVersions.Of("north");

        await _db.WriteAsync("north", (c, tx) => c.Execute("INSERT INTO t VALUES ('north', 1)", transaction: tx));
        await Until(() => otherVersions.Of("north") > before);
        otherVersions.Of("north").Should().BeGreaterThan(before);
        lock (heard) heard.Should().Contain("north");

        // Its own commits it knows already: it does not hear them back.
        await other.WriteAsync("south", (c, tx) => c.Execute("INSERT INTO t VALUES ('south', 1)", transaction: tx));
        await _db.WriteAsync("east", (c, tx) => c.Execute("INSERT INTO t VALUES ('east', 1)", transaction: tx));
        await Until(() => { lock (heard) return heard.Contains("east"); });
        lock (heard) heard.Should().NotContain("south");
        stop.Cancel();
        await listening;
    }

    [Fact]
    public async Task Another_node_hears_a_vote_as_a_vote_and_keeps_what_votes_cannot_change()
    {
        var otherVersions = new DataVersions();
        await using var other = new PostgresDatabase(_database, otherVersions);
        var heard = new List<string?>();
        other.ChangedOnAnotherNode += t => { lock (heard) heard.Add(t); };
        using var stop = new CancellationTokenSource();
        var listening = other.WatchOtherNodesAsync(stop.Token);
        await Until(() => { lock (heard) return heard.Contains(null); });
        var (any, besidesVotes) = (otherVersions.Of("north"), otherVersions.BesidesVotes("north"));

        await _db.WriteAsync("north", WriteScope.Votes, (c, tx) => c.Execute("INSERT INTO t VALUES ('north', 2)", transaction: tx));
        await Until(() => otherVersions.Of("north") > any);
        otherVersions.BesidesVotes("north").Should().Be(besidesVotes, "a member row or a challenge kept there is still good");
        lock (heard) heard.Should().NotContain("north", "votes change no settings, so nothing is reloaded");

        await _db.WriteAsync("north", (c, tx) => c.Execute("INSERT INTO t VALUES ('north', 3)", transaction: tx));
        await Until(() => { lock (heard) return heard.Contains("north"); });
        otherVersions.BesidesVotes("north").Should().BeGreaterThan(besidesVotes);
        stop.Cancel();
        await listening;
    }

    [Fact]
    public async Task A_write_meeting_a_connection_the_server_closed_is_run_again_on_a_fresh_one_and_kept_once()
    {
        await _db.WriteAsync("a", (c, tx) => c.Execute("INSERT INTO t VALUES ('a', 1)", transaction: tx));
        var runs = 0;
        // The operator (or a failover) ends the writer's session while it is idle.
        await using (var admin = new NpgsqlConnection(TestPostgres.Server))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name",
                new { name = new NpgsqlConnectionStringBuilder(_database).Database });
        }
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

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(10);
    }
}
