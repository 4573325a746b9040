using System.Diagnostics.Metrics;

namespace Engine.Data.GroupCommit;

/// <summary>
/// What an operator watches of the writers (docs/operations.md): groups committed and their sizes, how long each took,
/// votes committed, and the deadlocks and retries that stall them. Nothing is measured unless a listener (OpenTelemetry)
/// subscribes to the "Engine.Data" meter.
/// </summary>
internal static class WriterMetrics
{
    private static readonly Meter Meter = new("Engine.Data");

    // Buckets given, as ASP.NET Core gives its own: OpenTelemetry's defaults are made for milliseconds, not seconds or sizes.
    private static readonly Histogram<int> GroupSize = Meter.CreateHistogram("engine.data.group.size", "{write}",
        "Writes committed together in one transaction by a node's writer.", tags: null,
        new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram("engine.data.commit.duration", "s",
        "From a group's first statement to its COMMIT returning, retries included: what every write in the group waited for.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Counter<long> VotesCommitted = Meter.CreateCounter<long>("engine.votes.committed", "{vote}",
        "Votes cast or taken back, committed.");

    private static readonly Counter<long> Deadlocks = Meter.CreateCounter<long>("engine.data.deadlocks", "{deadlock}",
        "Groups the database broke out of a deadlock (or a serialization failure) by rolling them back.");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("engine.data.group.retries", "{group}",
        "Groups run again on a fresh connection after their transaction was lost before its COMMIT was sent.");

    public static void Committed(int writes, int votes, TimeSpan took)
    {
        GroupSize.Record(writes);
        CommitDuration.Record(took.TotalSeconds);
        if (votes > 0) VotesCommitted.Add(votes);
    }

    public static void Deadlocked() => Deadlocks.Add(1);

    public static void Retried() => Retries.Add(1);
}
