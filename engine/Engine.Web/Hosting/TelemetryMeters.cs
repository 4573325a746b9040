using System.Diagnostics.Metrics;
using Engine.Data.Events;

namespace Engine.Web.Hosting;

/// <summary>Kept pages served and missed (docs/operations.md): their ratio is the page cache's hit rate.</summary>
public static class PageCacheMetrics
{
    private static readonly Meter Meter = new("Engine.Web");

    private static readonly Counter<long> Hits = Meter.CreateCounter<long>("engine.page_cache.hits", "{page}",
        "Pages served from the page cache: visitors' pages, and the shells of members' pages.");

    private static readonly Counter<long> Misses = Meter.CreateCounter<long>("engine.page_cache.misses", "{page}",
        "Cacheable pages that had to be made (none kept, or the kept one was out of date).");

    /// <summary>Counts a look in the cache; a counter nobody listens to returns at once, allocating nothing.</summary>
    public static bool Counted(bool hit)
    {
        (hit ? Hits : Misses).Add(1);
        return hit;
    }
}

/// <summary>
/// Events in the outbox not yet delivered to the sites' event handlers, all sites together (docs/operations.md): a depth that
/// keeps growing means delivery has stopped or cannot keep up. Read from the database each time the metrics are collected.
/// </summary>
public sealed class OutboxDepth : IDisposable
{
    private readonly Meter _meter;

    public OutboxDepth(IMeterFactory meters, EventOutboxStore outbox)
    {
        _meter = meters.Create("Engine.Events");
        _meter.CreateObservableGauge("engine.events.outbox.depth", outbox.Waiting, "{event}",
            "Events recorded and not yet delivered or given up on, all sites together.");
    }

    public void Dispose() => _meter.Dispose();
}
