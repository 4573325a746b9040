using System.Diagnostics;

namespace Engine.Bench;

/// <summary>
/// The engine's memory while something runs, looked at every 20 ms: the process's resident set (the engine runs in this
/// process) and the managed heap, their peaks kept. Dispose stops it.
/// </summary>
public sealed class ProcessMemory : IAsyncDisposable
{
    private const double Mb = 1024.0 * 1024;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private long _peakResident, _peakHeap;

    private ProcessMemory() => _watching = WatchAsync(_stop.Token);

    public static ProcessMemory Watch() => new();

    public double PeakResidentMb => Interlocked.Read(ref _peakResident) / Mb;
    public double PeakManagedHeapMb => Interlocked.Read(ref _peakHeap) / Mb;

    /// <summary>Now: the resident set and the managed heap, in MB.</summary>
    public static (double ResidentMb, double ManagedHeapMb) Now() => (Resident() / Mb, GC.GetTotalMemory(false) / Mb);

    /// <summary>
    /// The engine at rest: a full, compacting collection, then the resident set and the heap. What an operation adds is
    /// measured above this.
    /// </summary>
    public static async Task<(double ResidentMb, double ManagedHeapMb)> IdleAsync()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        await Task.Delay(500);
        return Now();
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        do
        {
            Peak(ref _peakResident, Resident());
            Peak(ref _peakHeap, GC.GetTotalMemory(false));
        } while (await Next(timer, ct));
    }

    private static async Task<bool> Next(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    private static void Peak(ref long peak, long value)
    {
        var seen = Interlocked.Read(ref peak);
        while (value > seen && Interlocked.CompareExchange(ref peak, value, seen) != seen) seen = Interlocked.Read(ref peak);
    }

    // /proc/self/statm's second field: resident pages. Process.WorkingSet64 reads the same file, with a Process to refresh.
    private static long Resident()
    {
        if (!File.Exists("/proc/self/statm")) { using var me = Process.GetCurrentProcess(); return me.WorkingSet64; }
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
