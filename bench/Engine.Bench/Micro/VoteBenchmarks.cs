using BenchmarkDotNet.Attributes;
using Dapper;
using Engine.Data;
using Engine.Data.Sqlite;
using Engine.Data.Stores;
using Microsoft.Data.Sqlite;

namespace Engine.Bench.Micro;

/// <summary>
/// The vote path in the store: one durable vote (WAL, synchronous=FULL) on its own, and 64 at once,
/// which the group-committing writer turns into a few transactions. Each vote is a new one (new member/idea pair).
/// </summary>
[MemoryDiagnoser]
public class VoteBenchmarks
{
    public const int Members = 2_000, Ideas = 200, Concurrent = 64;
    private string _folder = null!;
    private SqliteDatabase _db = null!;
    private VoteStore _votes = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "engine-bench-votes", Guid.NewGuid().ToString("N"));
        _db = new SqliteDatabase(Path.Combine(_folder, "engine.db"));
        Migrations.ApplyAsync(_db).GetAwaiter().GetResult();
        using var c = new SqliteConnection($"Data Source={_db.Path};Pooling=False");
        c.Open();
        using var tx = c.BeginTransaction();
        DataSet.Fill(c, tx, "big", Members, Ideas, 0, 0, DateTimeOffset.UtcNow, withSignIn: false);
        tx.Commit();
        _votes = new VoteStore(_db);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp folder */ }
    }

    private Task Cast()
    {
        var (member, idea, value) = NthVote(Interlocked.Increment(ref _next));
        return _votes.CastAsync("big", idea, member, value, DateTimeOffset.UtcNow);
    }

    /// <summary>Every pair gets a vote, then the other way round: each cast changes a row and the counters.</summary>
    public static (long Member, long Idea, int Value) NthVote(long n) =>
        (n % Members + 1, n / Members % Ideas + 1, n / ((long)Members * Ideas) % 2 == 0 ? 1 : -1);

    [Benchmark(Description = "One durable vote, alone")]
    public Task OneVote() => Cast();

    [Benchmark(Description = "64 durable votes at once (group commit), per vote", OperationsPerInvoke = Concurrent)]
    public Task ConcurrentVotes() => Task.WhenAll(Enumerable.Range(0, Concurrent).Select(_ => Cast()));
}
