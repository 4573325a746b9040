using System.Collections.Concurrent;

namespace Engine.Core.Common;

/// <summary>
/// A version number per tenant that moves forward after every committed write touching that tenant
/// (or after a write whose tenant is not known, which moves every tenant). A cache remembers the
/// version it read before reading the data, and its copy is good only while the version is unchanged,
/// so a write that commits during a render can never leave a stale copy behind.
/// </summary>
public sealed class DataVersions
{
    private long _clock;
    private long _everything;
    private readonly ConcurrentDictionary<string, StrongBox> _tenants = new(StringComparer.Ordinal);

    /// <summary>The current version of <paramref name="tenantId"/>'s data.</summary>
    public long Of(string tenantId)
    {
        var everything = Volatile.Read(ref _everything);
        return _tenants.TryGetValue(tenantId, out var box) ? Math.Max(Volatile.Read(ref box.Value), everything) : everything;
    }

    /// <summary>Called after a commit: <paramref name="tenantId"/> null means "could be any tenant".</summary>
    public void Changed(string? tenantId)
    {
        var next = Interlocked.Increment(ref _clock);
        if (tenantId is null) RaiseTo(ref _everything, next);
        else RaiseTo(ref _tenants.GetOrAdd(tenantId, _ => new StrongBox()).Value, next);
    }

    // Only ever forward, even when two writers report out of order.
    private static void RaiseTo(ref long field, long value)
    {
        var seen = Volatile.Read(ref field);
        while (seen < value)
        {
            var was = Interlocked.CompareExchange(ref field, value, seen);
            if (was == seen) return;
            seen = was;
        }
    }

    private sealed class StrongBox { public long Value; }
}
