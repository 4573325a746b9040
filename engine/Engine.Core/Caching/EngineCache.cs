using System.Collections.Concurrent;
using Engine.Core.Common;

namespace Engine.Core.Caching;

/// <summary>
/// The engine's one cache: pages, lists, reads and rule sets, each under its typed <see cref="CacheKey"/>. A copy is served
/// only while its tenant's <see cref="DataVersions"/> number is the one read before the data was read (so a write committed
/// during the read leaves no stale copy), while it is younger than its key's maximum age, and only for what it was made
/// with (a tenant definition, a voting rule) when that is given. Data versions move on every commit of this node and,
/// with PostgreSQL, on every commit another node announces, so a write on any node drops the copies it can change everywhere.
/// Hits, misses and entries are counted per kind of key for the system site.
/// A dictionary of our own rather than MemoryCache: the version check is ours anyway, and expiry follows the engine's
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class EngineCache(DataVersions versions, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Type, Shelf> _shelves = new();

    /// <summary>The kept copy of <paramref name="key"/>, or what <paramref name="read"/> gives, kept.</summary>
    /// <param name="madeWith">
    /// When given, the copy is good only while the caller hands an equal value again: the same tenant definition or
    /// voting rule object (records and tuples compare their values, each definition or rule only to itself in practice).
    /// </param>
    public async Task<T> GetAsync<T>(CacheKey<T> key, Func<CancellationToken, Task<T>> read, CancellationToken ct = default, object? madeWith = null)
    {
        var reading = Begin(key, madeWith);
        if (reading.TryHit(out var kept)) return kept;
        var value = await read(ct);
        reading.Keep(value);
        return value;
    }

    /// <summary>Like <see cref="GetAsync{T}"/>, for what is built without reading the database.</summary>
    public T Get<T>(CacheKey<T> key, Func<T> build, object? madeWith = null)
    {
        var reading = Begin(key, madeWith);
        if (reading.TryHit(out var kept)) return kept;
        var value = build();
        reading.Keep(value);
        return value;
    }

    /// <summary>
    /// For a copy found and kept at two different places (a page is kept once written out): take it before reading any
    /// data, as it remembers the version the copy will be made from.
    /// </summary>
    public Reading<T> Begin<T>(CacheKey<T> key, object? madeWith = null) => new(ShelfOf(key), key, VersionOf(key), clock.GetUtcNow(), madeWith);

    /// <summary>Hits, misses and entries of each kind of key used since the engine started.</summary>
    public IReadOnlyList<CacheKindStats> Stats() =>
        _shelves.Select(s => new CacheKindStats(s.Key.Name, Interlocked.Read(ref s.Value.Hits), Interlocked.Read(ref s.Value.Misses), s.Value.Entries.Count))
            .OrderBy(s => s.Kind, StringComparer.Ordinal).ToList();

    /// <summary>How many copies of one kind of key are kept.</summary>
    public int Count<TKey>() where TKey : CacheKey => _shelves.TryGetValue(typeof(TKey), out var shelf) ? shelf.Entries.Count : 0;

    private long VersionOf(CacheKey key) => key.DroppedBy switch
    {
        DroppedBy.AnyWrite => versions.Of(key.TenantId),
        DroppedBy.WritesBesidesVotes => versions.BesidesVotes(key.TenantId),
        _ => 0,
    };

    private Shelf ShelfOf(CacheKey key) => _shelves.GetOrAdd(key.GetType(), static _ => new Shelf());

    private static bool TryHit<T>(Shelf shelf, CacheKey key, long version, DateTimeOffset now, object? madeWith, out T value)
    {
        if (shelf.Entries.TryGetValue(key, out var entry) && entry.Version == version && Equals(entry.MadeWith, madeWith) && entry.Until > now)
        {
            Interlocked.Increment(ref shelf.Hits);
            value = (T)entry.Value!;
            return true;
        }
        Interlocked.Increment(ref shelf.Misses);
        value = default!;
        return false;
    }

    // The age counts from before the data was read, as the version does.
    private static void Keep(Shelf shelf, CacheKey key, long version, DateTimeOffset now, object? madeWith, object? value)
    {
        var until = key.MaxAge >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + key.MaxAge;
        // Counting a ConcurrentDictionary takes all its locks: looked at once in a while, not on every store.
        if (Interlocked.Increment(ref shelf.Stored) % 1024 == 0 && shelf.Entries.Count >= key.MaxEntries) shelf.Entries.Clear();
        shelf.Entries[key] = new Entry(version, madeWith, until, value);
    }

    internal sealed class Shelf
    {
        public readonly ConcurrentDictionary<CacheKey, Entry> Entries = new();
        public long Hits;
        public long Misses;
        public long Stored;
    }

    internal sealed record Entry(long Version, object? MadeWith, DateTimeOffset Until, object? Value);

    /// <summary>A lookup of one key, holding the version of the data and the time taken when it began.</summary>
    public readonly struct Reading<T>
    {
        private readonly Shelf _shelf;
        private readonly CacheKey<T> _key;
        private readonly long _version;
        private readonly DateTimeOffset _began;
        private readonly object? _madeWith;

        internal Reading(Shelf shelf, CacheKey<T> key, long version, DateTimeOffset began, object? madeWith) =>
            (_shelf, _key, _version, _began, _madeWith) = (shelf, key, version, began, madeWith);

        /// <summary>The kept copy, if it is still good; counted as a hit or a miss.</summary>
        public bool TryHit(out T value) => EngineCache.TryHit(_shelf, _key, _version, _began, _madeWith, out value);

        /// <summary>Keeps a copy made from data read after this reading began.</summary>
        public void Keep(T value) => EngineCache.Keep(_shelf, _key, _version, _began, _madeWith, value);
    }
}

/// <summary>How one kind of key fares: a hit is a copy served, a miss a read made (none kept, or the kept one stale).</summary>
public sealed record CacheKindStats(string Kind, long Hits, long Misses, int Entries)
{
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);
}
