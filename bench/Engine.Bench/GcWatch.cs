using System.Diagnostics;
using System.Runtime;

namespace Engine.Bench;

/// <summary>
/// What the garbage collector did over a stretch of time: its pauses in total (every managed thread, requests included,
/// waits through them), the collections of each generation, the longest single pause among those the watch saw, and the
/// peak managed heap. <see cref="Seen"/>: the watch reads the latest collection every 10 ms (background ones included, which the
/// gen 0 count leaves out), so one that follows another within that time is counted but its own pause not seen. <see cref="Stops"/>: every time the
/// runtime stopped all managed threads, and how long getting them all to stop took (<see cref="RuntimeSuspensions"/>).
/// </summary>
public sealed record GcFigures(double Seconds, double PauseMs, int Gen0, int Gen1, int Gen2, double LongestPauseMs, int Seen, double PeakHeapMb, Suspensions Stops)
{
    /// <summary>The share of the wall clock every managed thread spent paused.</summary>
    public double PausePercent => Seconds > 0 ? PauseMs / (10 * Seconds) : 0;
    /// <summary>How the collector is set up in this process, as the report names it.</summary>
    public static string Mode => $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, latency mode {GCSettings.LatencyMode}";
}

/// <summary>Watches the garbage collector from <see cref="Start"/> until <see cref="StopAsync"/>, for <see cref="GcFigures"/>.</summary>
public sealed class GcWatch
{
    private readonly TimeSpan _pause = GC.GetTotalPauseDuration();
    // A gen1 collection counts as a gen0 one too, and a gen2 as both: these are counts of collections of at least that generation.
    private readonly int[] _counts = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<(double LongestMs, int Seen, double PeakMb)> _watching;
    private readonly RuntimeSuspensions _suspensions = new();

    private GcWatch() => _watching = Task.Run(() => WatchAsync(_stop.Token));

    public static GcWatch Start() => new();

    public async Task<GcFigures> StopAsync()
    {
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var pauseMs = (GC.GetTotalPauseDuration() - _pause).TotalMilliseconds;
        int[] counts = [GC.CollectionCount(0) - _counts[0], GC.CollectionCount(1) - _counts[1], GC.CollectionCount(2) - _counts[2]];
        await _stop.CancelAsync();
        var (longest, seen, peak) = await _watching;
        _stop.Dispose();
        var stops = await _suspensions.FiguresAsync();
        _suspensions.Dispose();
        return new GcFigures(seconds, pauseMs, counts[0], counts[1], counts[2], longest, seen, peak, stops);
    }

    private static async Task<(double, int, double)> WatchAsync(CancellationToken stop)
    {
        var last = GC.GetGCMemoryInfo(GCKind.Any).Index;
        double longest = 0, peak = 0;
        var seen = 0;
        while (true)
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            if (info.Index != last)
            {
                last = info.Index;
                seen++;
                foreach (var pause in info.PauseDurations) longest = Math.Max(longest, pause.TotalMilliseconds);
            }
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024));
            if (stop.IsCancellationRequested) return (longest, seen, peak);
            try { await Task.Delay(10, stop); } catch (OperationCanceledException) { /* one last look above */ }
        }
    }
}
