using System.Collections.Concurrent;

namespace Engine.Core.Common;

/// <summary>
/// Small reads a signed-in member's page makes on every view (their member row, their votes in a
/// challenge, whether they follow it, the challenge itself), kept per tenant <see cref="DataVersions"/>
/// number. A copy is used only while no write has been committed for that tenant since the version was
/// read (which happens before the data is read), so a vote, a block or a role change shows on the next
/// request. <see cref="MaxAge"/> bounds anything that changes without a write, such as a challenge closing.
/// A read that votes cannot change (a member row, a challenge, where an idea sits) says so, and is then
/// kept across votes (<see cref="DataVersions.BesidesVotes"/>): under a vote storm it would otherwise never be kept at all.
/// Such a read is kept up to <see cref="MaxAgeBesidesVotes"/>: what it holds changes only by a write (which drops it at
/// once), and time-bound checks (a challenge's closing, a lockout's end) are made afresh on the copy; the age only
/// bounds an operator's change made in the database by hand.
/// </summary>
public sealed class KeptReads(DataVersions versions, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxAgeBesidesVotes = TimeSpan.FromSeconds(60);
    /// <summary>Beyond this many copies the cache starts again, so thousands of members cannot grow it without bound.</summary>
    private const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<(string TenantId, object Key), Entry> _entries = new();
    private int _stored;

    private sealed record Entry(long Version, bool UnchangedByVotes, DateTimeOffset Until, object? Value);

    public int Count => _entries.Count;

    /// <param name="key">What is read, including what kind of read it is, e.g. <c>("votes", memberId, challengeId)</c>.</param>
    /// <param name="unchangedByVotes">True only when no vote can change what is read (not counts, not anyone's votes).</param>
    public async Task<T> GetAsync<T>(string tenantId, object key, Func<CancellationToken, Task<T>> read, CancellationToken ct = default,
        bool unchangedByVotes = false)
    {
        var version = unchangedByVotes ? versions.BesidesVotes(tenantId) : versions.Of(tenantId);
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue((tenantId, key), out var kept) && kept.Version == version && kept.UnchangedByVotes == unchangedByVotes && kept.Until > now)
            return (T)kept.Value!;
        var value = await read(ct);
        // Counting a ConcurrentDictionary takes all its locks: looked at once in a while, not on every store.
        if (Interlocked.Increment(ref _stored) % 1024 == 0 && _entries.Count >= MaxEntries) _entries.Clear();
        _entries[(tenantId, key)] = new Entry(version, unchangedByVotes, now + (unchangedByVotes ? MaxAgeBesidesVotes : MaxAge), value);
        return value;
    }
}
