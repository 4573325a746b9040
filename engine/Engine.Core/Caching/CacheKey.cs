using Engine.Core.Common;

namespace Engine.Core.Caching;

/// <summary>Which committed writes of a key's tenant make its kept copy stale (see <see cref="DataVersions"/>).</summary>
public enum DroppedBy
{
    /// <summary>Any write, votes included: the safe default.</summary>
    AnyWrite,
    /// <summary>Any write but votes: only for reads no vote can change (not counts, not anyone's votes).</summary>
    WritesBesidesVotes,
    /// <summary>
    /// No write: for what is built from the tenant's definition and the plugins, not from its data. The copy is good only for
    /// the object it was made with (see <see cref="EngineCache.GetAsync{T}"/>).
    /// </summary>
    NoWrite,
}

/// <summary>
/// What a kept copy is of. A query declares its key beside itself, as a record deriving from <see cref="CacheKey{T}"/>
/// with every value the read depends on: the tenant is part of every key, so one tenant's copy can never answer another
/// tenant, and two kinds of key with the same fields are different keys (a record's equality includes its type).
/// A kind of key says which writes drop it and, where it needs one, its own maximum age.
/// </summary>
public abstract record CacheKey(string TenantId)
{
    /// <summary>
    /// How long a copy is kept even if no write drops it: what changes with time alone ("3 minutes ago", trending, a
    /// challenge closing) can be behind by this much at most.
    /// </summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a copy no vote can change is kept (<see cref="DroppedBy.WritesBesidesVotes"/>): what it holds changes only by
    /// a write, which drops it at once, and time-bound checks (a challenge's closing, a lockout's end) are made afresh on the
    /// copy; the age only bounds an operator's change made in the database by hand. Under a vote storm such a read would
    /// otherwise be made again for every vote.
    /// </summary>
    public static readonly TimeSpan MaxAgeBesidesVotes = TimeSpan.FromSeconds(60);

    /// <summary>For a key whose copy only what it was made with can make stale (<see cref="DroppedBy.NoWrite"/>).</summary>
    public static readonly TimeSpan NoMaxAge = TimeSpan.MaxValue;

    public const int DefaultMaxEntries = 50_000;

    public virtual DroppedBy DroppedBy => DroppedBy.AnyWrite;

    public virtual TimeSpan MaxAge => DroppedBy switch
    {
        DroppedBy.WritesBesidesVotes => MaxAgeBesidesVotes,
        DroppedBy.NoWrite => NoMaxAge,
        _ => DefaultMaxAge,
    };

    /// <summary>Beyond this many copies of this kind, the kind starts again, so that thousands of members or a crawler cannot grow it without bound.</summary>
    public virtual int MaxEntries => DefaultMaxEntries;
}

/// <summary>A key whose copy is a <typeparamref name="T"/>.</summary>
public abstract record CacheKey<T>(string TenantId) : CacheKey(TenantId);
