namespace Engine.Core.Common;

/// <summary>
/// Engine:Background: how long work in the background (theme suggestions) runs before it looks whether the site is
/// answering requests, and how much of the time it may run while it is (<see cref="BackgroundPace"/>).
/// </summary>
public sealed class BackgroundPaceOptions
{
    public const string Section = "Engine:Background";

    /// <summary>How long the work runs between looks at the site.</summary>
    public TimeSpan Slice { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>While requests are being answered, the share of the wall clock the work may run: 1 never pauses it.</summary>
    public double BusyShare { get; set; } = 0.25;

    /// <summary>The first setting that is out of range, worded for whoever set it; null when both are fine.</summary>
    public string? Fault() =>
        Slice <= TimeSpan.Zero ? $"{Section}:Slice must be longer than zero (it is {Slice})."
        : !(BusyShare > 0 && BusyShare <= 1) ? $"{Section}:BusyShare must be more than 0 and at most 1 (it is {BusyShare})."
        : null;
}

/// <summary>Starts a <see cref="BackgroundPace"/> for each run of background work, all looking at the same site.</summary>
public sealed class BackgroundPacing(BackgroundPaceOptions options, Func<bool> siteBusy, TimeProvider time)
{
    private long _pausedTicks;
    private int _pauses;

    /// <summary>Never pauses: for work with no site beside it (tests, tools).</summary>
    public static BackgroundPacing Unpaced { get; } = new(new BackgroundPaceOptions { BusyShare = 1 }, () => false, TimeProvider.System);

    public BackgroundPace Start(CancellationToken ct = default) => new(options, siteBusy, time, ct, this);

    /// <summary>How long all the runs started here have paused for requests, since the engine started (for the log and the benchmark).</summary>
    public TimeSpan Paused => TimeSpan.FromTicks(Interlocked.Read(ref _pausedTicks));

    /// <summary>How many times they paused.</summary>
    public int Pauses => Volatile.Read(ref _pauses);

    internal void Count(TimeSpan pause)
    {
        Interlocked.Add(ref _pausedTicks, pause.Ticks);
        Interlocked.Increment(ref _pauses);
    }
}

/// <summary>
/// Makes long background work give way to requests. Its thread already runs at the lowest priority
/// (<see cref="BackgroundThread"/>), but on two cores that is not enough: it still takes every idle gap, so a request that
/// wakes up may find both cores busy, and it streams a large heap through the caches the requests use. So the work calls
/// <see cref="Step"/> often; after each slice of <see cref="BackgroundPaceOptions.Slice"/>, while the site is busy, it
/// sleeps long enough to have run only <see cref="BackgroundPaceOptions.BusyShare"/> of the time. With no requests it never
/// sleeps. Pausing changes when the work runs, never what it computes.
/// </summary>
public sealed class BackgroundPace
{
    private readonly TimeSpan _slice;
    private readonly double _share;
    private readonly Func<bool> _siteBusy;
    private readonly TimeProvider _time;
    private readonly CancellationToken _ct;
    private readonly BackgroundPacing _pacing;
    private long _sliceStarted;

    internal BackgroundPace(BackgroundPaceOptions options, Func<bool> siteBusy, TimeProvider time, CancellationToken ct, BackgroundPacing pacing)
    {
        (_slice, _share, _siteBusy, _time, _ct, _pacing) = (options.Slice, options.BusyShare, siteBusy, time, ct, pacing);
        _sliceStarted = time.GetTimestamp();
    }

    /// <summary>How long the work has paused for requests so far.</summary>
    public TimeSpan Paused { get; private set; }

    /// <summary>How many times it paused.</summary>
    public int Pauses { get; private set; }

    /// <summary>Cheap enough to call every few microseconds of work: it reads the clock, and only after a slice looks at the site.</summary>
    public void Step()
    {
        var ran = _time.GetElapsedTime(_sliceStarted);
        if (ran < _slice) return;
        _ct.ThrowIfCancellationRequested();
        if (_share < 1 && _siteBusy())
        {
            // A slice the scheduler stretched (this thread runs at nice 19) did not take the CPU for all that time: count two at most.
            var pause = (ran < 2 * _slice ? ran : 2 * _slice) * ((1 - _share) / _share);
            // Woken early by a cancellation, which the next look throws.
            _ct.WaitHandle.WaitOne(pause);
            Paused += pause;
            Pauses++;
            _pacing.Count(pause);
        }
        _sliceStarted = _time.GetTimestamp();
    }
}
