using System.Diagnostics.Tracing;

namespace Engine.Bench;

/// <summary>
/// Every time the runtime stopped all managed threads (for a collection, or anything else), from its own events: how long
/// it took to get every thread to stop (a thread the scheduler does not run, such as one at nice 19 on a busy core, holds
/// everyone else stopped until it runs), and how long they stayed stopped in all. The events carry the runtime's own
/// timestamps, so a listener that reads them late measures them right.
/// </summary>
public sealed class RuntimeSuspensions : EventListener
{
    // The runtime's event ids (ClrEtwAll.man): GCStart_V2, GCSuspendEEBegin_V1, GCSuspendEEEnd_V1, GCRestartEEEnd_V1; keyword GC.
    private const int GcStart = 1, SuspendBegin = 9, SuspendEnd = 8, RestartEnd = 3;
    // GCStart's Reason and Type, as the runtime numbers them.
    private static readonly string[] Reasons = ["small allocation", "induced", "low memory", "empty", "large allocation", "out of small-object space",
        "out of large-object space", "induced, not forced", "internal", "induced, low memory", "induced, compacting", "host's low memory", "full, provisional", "host's low memory, blocking"];
    private readonly Dictionary<string, int> _gen2 = [];
    private const long GcKeyword = 0x1;
    private readonly Lock _lock = new();
    private DateTime? _begin, _suspended;
    private DateTime _until = DateTime.MaxValue;
    private int _count;
    private double _toStopMs, _longestToStopMs, _stoppedMs, _longestStoppedMs;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Informational, (EventKeywords)GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (_lock)
        {
            switch (e.EventId)
            {
                case GcStart when e.TimeStamp.ToUniversalTime() <= _until && Payload(e, "Depth") == 2:
                    var reason = Payload(e, "Reason");
                    var why = $"{(Payload(e, "Type") == 1 ? "background" : "blocking")}, {(reason >= 0 && reason < Reasons.Length ? Reasons[reason] : $"reason {reason}")}";
                    _gen2[why] = _gen2.GetValueOrDefault(why) + 1;
                    break;
                case SuspendBegin: (_begin, _suspended) = (e.TimeStamp, null); break;
                case SuspendEnd when _begin is not null: _suspended = e.TimeStamp; break;
                case RestartEnd when _begin is { } begin && _suspended is { } suspended && begin.ToUniversalTime() <= _until:
                    var toStop = (suspended - begin).TotalMilliseconds;
                    _toStopMs += toStop;
                    _longestToStopMs = Math.Max(_longestToStopMs, toStop);
                    var stopped = (e.TimeStamp - begin).TotalMilliseconds;
                    _count++;
                    _stoppedMs += stopped;
                    _longestStoppedMs = Math.Max(_longestStoppedMs, stopped);
                    (_begin, _suspended) = (null, null);
                    break;
            }
        }
    }

    /// <summary>The figures up to now, once the runtime has handed over its latest events (a second later).</summary>
    public async Task<Suspensions> FiguresAsync()
    {
        lock (_lock) _until = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1));
        lock (_lock) return new Suspensions(_count, _stoppedMs, _longestStoppedMs, _toStopMs, _longestToStopMs,
            string.Join("; ", _gen2.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Value} {g.Key}")));
    }

    private static int Payload(EventWrittenEventArgs e, string name)
    {
        var at = e.PayloadNames?.IndexOf(name) ?? -1;
        return at >= 0 && e.Payload?[at] is { } value ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }
}

/// <summary>
/// How often every managed thread was stopped, for how long in all and at most, and how much of it was spent getting them all to
/// stop; and each gen 2 collection, blocking or in the background, and what set it off.
/// </summary>
public sealed record Suspensions(int Count, double StoppedMs, double LongestStoppedMs, double ToStopMs, double LongestToStopMs, string Gen2);
