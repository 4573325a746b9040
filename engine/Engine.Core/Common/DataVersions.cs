using System.Collections.Concurrent;

namespace Engine.Core.Common;

/// <summary>
/// A version number per tenant that moves forward after every committed write touching that tenant
/// (or after a write whose tenant is not known, which moves every tenant). A cache remembers the
/// version it read before reading the data, and its copy is good only while the version is unchanged,
/// so a write that commits during a render can never leave a stale copy behind.
/// A second number per tenant, <see cref="BesidesVotes"/>, ignores writes that only cast or take back
/// votes: during a vote storm a tenant's data changes hundreds of times a second, yet its members,
/// challenges and ideas do not, and the reads a vote itself needs can be kept across the storm.
/// </summary>
public sealed class DataVersions
{
    private long _clock;
    private long _everything;
    private readonly ConcurrentDictionary<string, Versions> _tenants = new(StringComparer.Ordinal);

    /// <summary>The current version of <paramref name="tenantId"/>'s data.</summary>
    public long Of(string tenantId)
    {
        var everything = Volatile.Read(ref _everything);
        return _tenants.TryGetValue(tenantId, out var box) ? Math.Max(Volatile.Read(ref box.Any), everything) : everything;
    }

    /// <summary>The version of everything of <paramref name="tenantId"/>'s data except votes and the counts they move.</summary>
    public long BesidesVotes(string tenantId)
    {
        var everything = Volatile.Read(ref _everything);
        return _tenants.TryGetValue(tenantId, out var box) ? Math.Max(Volatile.Read(ref box.BesidesVotes), everything) : everything;
    }

    /// <summary>Called after a commit: <paramref name="tenantId"/> null means "could be any tenant".</summary>
    public void Changed(string? tenantId, WriteScope scope = WriteScope.Everything)
    {
        if (scope == WriteScope.Records && tenantId is not null) return;
        var next = Interlocked.Increment(ref _clock);
        if (tenantId is null)
        {
            RaiseTo(ref _everything, next);
            return;
        }
        var versions = _tenants.GetOrAdd(tenantId, _ => new Versions());
        if (scope == WriteScope.Everything) RaiseTo(ref versions.BesidesVotes, next);
        RaiseTo(ref versions.Any, next);
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

    private sealed class Versions
    {
        public long Any;
        public long BesidesVotes;
    }
}

/// <summary>What a write may change, so that caches of what it cannot change are kept.</summary>
public enum WriteScope
{
    /// <summary>Anything at all: the safe default.</summary>
    Everything,
    /// <summary>Only votes and the idea counts that follow them (casting or taking back a vote).</summary>
    Votes,
    /// <summary>
    /// Only a record that no page and no kept read shows (when a personal token was last used): no version moves, so
    /// no cache on any node is dropped for it.
    /// </summary>
    Records,
}
