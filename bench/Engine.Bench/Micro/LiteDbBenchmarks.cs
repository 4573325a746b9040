using BenchmarkDotNet.Attributes;

namespace Engine.Bench.Micro;

/// <summary>
/// Why LiteDB is not our store, kept re-checkable for when LiteDB 6 ships (docs/decisions/2026-12-06-litedb-is-not-our-store.md):
/// a vote per commit in LiteDB 5.0.21 against our SQLite store (WAL, synchronous=FULL: each vote answered after the fsync of
/// its commit). The baseline is the store as it runs, 64 votes waiting at once and committed in groups; BenchmarkDotNet's
/// Ratio column is each row's time per vote over it. Not part of the full bench or its smoke run; run it alone with
/// <c>dotnet run -c Release --project bench/Engine.Bench -- micro --filter '*LiteDb*'</c>.
/// </summary>
[MemoryDiagnoser]
public class LiteDbBenchmarks
{
    private readonly VoteBenchmarks _sqlite = new();
    private LiteDbVotes _asItCommits = null!, _fsynced = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sqlite.Setup();
        _asItCommits = new LiteDbVotes(fsync: false);
        _fsynced = new LiteDbVotes(fsync: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.Cleanup();
        _asItCommits.Dispose();
        _fsynced.Dispose();
    }

    [Benchmark(Baseline = true, Description = "SQLite, 64 votes at once, group commit with fsync (our store), per vote", OperationsPerInvoke = VoteBenchmarks.Concurrent)]
    public Task SqliteGroupCommit() => _sqlite.ConcurrentVotes();

    [Benchmark(Description = "SQLite, one vote alone, its own commit with fsync")]
    public Task SqliteOneVote() => _sqlite.OneVote();

    [Benchmark(Description = "LiteDB 5.0.21, one vote per commit, no fsync (LiteDB's own commit: not durable)")]
    public int LiteDbAsItCommits() => _asItCommits.Cast();

    [Benchmark(Description = "LiteDB 5.0.21, one vote per commit, log fsynced after each (equal durability)")]
    public int LiteDbFsynced() => _fsynced.Cast();
}
