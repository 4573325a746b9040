using System.Collections.Concurrent;
using Dapper;
using Engine.Core.Anonymity;
using Engine.Core.Stats;
using Microsoft.Extensions.Logging;

namespace Engine.Data.Stores;

/// <summary>
/// Reads the rows the numbers count. Which rows count is decided here, once, in the Counted fragments below (see
/// <see cref="Numbers"/> for the definitions in words); who is the same person is decided by <see cref="Numbers"/>.
/// Ideas, comments and votes are summed from the counters the writes keep (<see cref="KeptCounts"/>); people from the
/// participants the triggers keep on write (migration step 32, <see cref="PeopleAsync"/>), whose rows count exactly what
/// the Counted fragments count (Migrations.Participants.cs says it again in SQL: change both). The daily series
/// (<see cref="DailyAsync"/>) still reads the rows.
/// </summary>
/// <param name="recountEvery">
/// How often, at most, the headline numbers of one site or challenge are counted again after writes. A count reads the
/// scope's public ideas and participants (its time at national scale is in bench/analysis.md), and during a vote storm
/// every page view would otherwise start another count. A write shows in the numbers within this interval: a copy that misses writes is
/// shown only while younger than it, and is counted again in the background from half of it. Zero counts again
/// after every write, for the view that needs it.
/// </param>
public sealed class StatsQuery(Database db, IAuthorKeys authorKeys, Core.Common.DataVersions? versions = null,
    TimeProvider? clock = null, TimeSpan recountEvery = default, ILogger<StatsQuery>? logger = null) : IStatsQuery
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    // Public ideas: published (not held, rejected or hidden). Merged duplicates count: someone posted them.
    private const string CountedIdeas = """
        FROM ideas i WHERE i.tenant_id = @tenantId AND i.moderation = 'published'
        """;

    // Public comments on public ideas, and below the votes on them: read from the scope's public ideas (their index by
    // challenge), then each idea's comments or votes by its key, where the planner started from every comment or vote of
    // the tenant and looked up each one's idea (a small challenge's count read the whole site's). CROSS JOIN fixes that
    // order on SQLite; PostgreSQL plans it as any join. A vote's member is in its key: SQLite keeps votes in the key's
    // order, and PostgreSQL can answer from the key's index alone.
    private const string CountedComments = """
        FROM ideas i CROSS JOIN comments k
        WHERE i.tenant_id = @tenantId AND i.moderation = 'published'
          AND k.tenant_id = i.tenant_id AND k.idea_id = i.id AND k.moderation = 'published'
        """;

    // Votes standing on public ideas, each once: a copy a merge carried onto the kept idea is not another vote.
    private const string CountedVotes = """
        FROM ideas i CROSS JOIN votes v
        WHERE i.tenant_id = @tenantId AND i.moderation = 'published' AND v.tenant_id = i.tenant_id AND v.idea_id = i.id
          AND NOT EXISTS (SELECT 1 FROM carried_votes cv WHERE cv.tenant_id = v.tenant_id AND cv.idea_id = v.idea_id AND cv.member_id = v.member_id)
        """;

    public Task<SiteStats> GetAsync(string tenantId, CancellationToken ct = default) => CountAsync(tenantId, null, ct);

    public Task<SiteStats> ForChallengeAsync(string tenantId, long challengeId, CancellationToken ct = default) => CountAsync(tenantId, challengeId, ct);

    // The headline numbers are on every home and challenge page. A copy is kept, with the data version read before
    // its count and the time then; it is shown while the tenant's data is unchanged, or while it is younger than
    // recountEvery (so it can miss only writes younger than that). Once half the interval has gone, a view starts a
    // count in the background, so during a vote storm a newer copy is ready before this one is too old and views do
    // not wait: counted in the view itself, the count added 200 ms to one page view in every interval. A view that finds
    // the copy too old (the first after a quiet spell) waits for a count: the one running, or one it starts.
    private readonly ConcurrentDictionary<(string Tenant, long? Challenge), Counted> _counted = new();
    private readonly ConcurrentDictionary<(string Tenant, long? Challenge), Task<Counted>> _counting = new();

    private sealed record Counted(long Version, DateTimeOffset At, SiteStats Stats);

    /// <summary>Raised after the headline numbers of a site (challenge null) or a challenge were counted and kept.</summary>
    public event Action<string, long?>? Recounted;

    private async Task<SiteStats> CountAsync(string tenantId, long? challengeId, CancellationToken ct)
    {
        if (versions is null) return await ReadCountsAsync(tenantId, challengeId);
        var key = (tenantId, challengeId);
        var version = versions.Of(tenantId);
        if (_counted.TryGetValue(key, out var kept))
        {
            if (kept.Version == version) return kept.Stats;
            var age = _clock.GetUtcNow() - kept.At;
            if (age < recountEvery)
            {
                if (age >= recountEvery / 2) _ = CountInBackground(key);
                return kept.Stats;
            }
        }
        while (true)
        {
            // A count that read this version or a later one has every write made before this view.
            var counted = await CountInBackground(key).WaitAsync(ct);
            if (counted.Version >= version) return counted.Stats;
        }
    }

    /// <summary>The count of <paramref name="key"/> now running, or a new one: one at a time.</summary>
    private Task<Counted> CountInBackground((string Tenant, long? Challenge) key)
    {
        while (true)
        {
            if (_counting.TryGetValue(key, out var running)) return running;
            var done = new TaskCompletionSource<Counted>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_counting.TryAdd(key, done.Task)) continue;
            // A thread of its own: on a thread-pool worker, the 200 ms count held up the work queued behind it on that
            // worker (requests' continuations), and page views and votes alike had a p99 of about 200 ms.
            _ = Task.Factory.StartNew(() => Recount(key, done), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return done.Task;
        }
    }

    private void Recount((string Tenant, long? Challenge) key, TaskCompletionSource<Counted> done)
    {
        try
        {
            // The version and time are read before the data, so a write committed meanwhile can only make the copy
            // look older, never newer. Waiting is fine on this thread: it is the count's own.
            var version = versions!.Of(key.Tenant);
            var at = _clock.GetUtcNow();
            var counted = new Counted(version, at, ReadCountsAsync(key.Tenant, key.Challenge).GetAwaiter().GetResult());
            _counted[key] = counted;
            // Gone from the running counts before anyone hears of it, so a view that needs a later one starts it.
            _counting.TryRemove(key, out _);
            Recounted?.Invoke(key.Tenant, key.Challenge);
            done.SetResult(counted);
        }
        catch (Exception e)
        {
            // The copy stands for the views within the interval; the next one to need a count tries again.
            logger?.LogWarning(e, "Could not count the numbers of {Tenant} again", key.Tenant);
            _counting.TryRemove(key, out _);
            done.TrySetException(e);
        }
    }

    // The site's numbers are everyone's to read, so they count only the challenges everyone may see: a private challenge's
    // ideas, comments and votes would otherwise show as the difference. A private challenge's own numbers are shown only
    // to its audience and staff.
    private const string SeenByEveryone =
        " AND i.challenge_id IN (SELECT ch.id FROM challenges ch WHERE ch.tenant_id = @tenantId AND ch.audience = 'everyone')";

    /// <summary>
    /// Ideas, comments and votes from the counters kept on write, summed over the scope's public ideas (a few thousand rows,
    /// where the rows themselves are millions): ideas.comment_count is the idea's published comments and idea_counts.voter_count
    /// its votes, so moderating an idea moves nothing. A vote a merge carried is a row of carried_votes while it stands as
    /// carried (a member who changes it makes it their own; taking it back deletes both), so they are subtracted; there are
    /// only as many as merges carried. Imported comments are found by their own index (comments_imported, step 30).
    /// Equal to the rows' count (StatsCountersTests keeps the old count of rows as its oracle).
    /// </summary>
    private static string KeptCounts(string only) => $"""
        SELECT COUNT(*), COALESCE(SUM(i.comment_count), 0),
            COALESCE(SUM(n.voter_count), 0) - (SELECT COUNT(*) FROM carried_votes cv JOIN ideas i ON i.tenant_id = cv.tenant_id AND i.id = cv.idea_id
                WHERE cv.tenant_id = @tenantId AND i.moderation = 'published'{only}),
            COALESCE(SUM(CASE WHEN i.source_id IS NOT NULL THEN 1 ELSE 0 END), 0),
            (SELECT COUNT(*) {ImportedComments}{only}),
            (SELECT COUNT(DISTINCT src) FROM (SELECT i.source_id AS src {CountedIdeas}{only} AND i.source_id IS NOT NULL
                UNION SELECT k.source_id {ImportedComments}{only}) AS sources)
        FROM ideas i LEFT JOIN idea_counts n ON n.tenant_id = i.tenant_id AND n.idea_id = i.id
        WHERE i.tenant_id = @tenantId AND i.moderation = 'published'{only}
        """;

    // Public imported comments on public ideas: few, read through comments_imported rather than every comment.
    private const string ImportedComments = """
        FROM comments k JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
        WHERE k.tenant_id = @tenantId AND k.source_id IS NOT NULL AND k.moderation = 'published' AND i.moderation = 'published'
        """;

    private async Task<SiteStats> ReadCountsAsync(string tenantId, long? challengeId)
    {
        var only = challengeId is null ? SeenByEveryone : " AND i.challenge_id = @challengeId";
        var args = new { tenantId, challengeId };
        await using var c = db.OpenReader();
        var counts = await c.QuerySingleAsync<(long Ideas, long Comments, long Votes, long ImportedIdeas, long ImportedComments, long Sources)>(KeptCounts(only), args);
        var people = await PeopleAsync(c, tenantId, challengeId ?? 0);
        return new SiteStats(people, (int)counts.Ideas, (int)counts.Comments, (int)counts.Votes,
            (int)counts.ImportedIdeas, (int)counts.ImportedComments, (int)counts.Sources);
    }

    /// <summary>
    /// The people of a challenge (or of the site, challenge 0) from the participants kept on write (migration step 32): its
    /// members, and its fully anonymous keys less those whose member is among them (<see cref="Numbers.People"/>'s rule).
    /// A key's member is found in memory (<see cref="KeyOwners"/>), so only the scope's keys are read, never every member's
    /// row; the scope's members are counted by the index. Blocked members are not counted, nor their keys.
    /// </summary>
    private async Task<int> PeopleAsync(System.Data.Common.DbConnection c, string tenantId, long scope)
    {
        var args = new { tenantId, scope };
        var members = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM participants WHERE tenant_id = @tenantId AND challenge_id = @scope AND member_id <> 0", args);
        var keys = (await c.QueryAsync<string>(
            "SELECT author_key FROM participants WHERE tenant_id = @tenantId AND challenge_id = @scope AND member_id = 0", args)).ToList();
        var blocked = (await c.QueryAsync<long>("SELECT id FROM members WHERE tenant_id = @tenantId AND blocked = 1", args)).ToHashSet();
        var owners = keys.Count == 0 ? [] : await OwnersAsync(c, tenantId, keys);
        // Of the blocked members and the keys' members, those taking part in the scope by name.
        var inScope = new HashSet<long>();
        foreach (var some in blocked.Concat(owners.OfType<long>()).Distinct().Chunk(10_000))
            inScope.UnionWith(await c.QueryAsync<long>(
                $"SELECT member_id FROM participants WHERE tenant_id = @tenantId AND challenge_id = @scope AND {db.IsIn("member_id", "some")}",
                new { tenantId, scope, some }));
        var keysAlone = owners.Count(owner => owner is not { } member || (!blocked.Contains(member) && !inScope.Contains(member)));
        return (int)(members - blocked.Count(inScope.Contains) + keysAlone);
    }

    private readonly ConcurrentDictionary<string, KeyOwners> _keyOwners = new(StringComparer.Ordinal);

    /// <summary>Each key's member, or null for a key no member has (any more); the tenant's members who joined since are added first.</summary>
    private async Task<List<long?>> OwnersAsync(System.Data.Common.DbConnection c, string tenantId, List<string> keys)
    {
        var owners = _keyOwners.GetOrAdd(tenantId, t => new KeyOwners(KeyFor(t)));
        if (!owners.Current)
        {
            var again = new KeyOwners(KeyFor(tenantId));
            _keyOwners[tenantId] = again;
            owners = again;
        }
        long upTo;
        lock (owners) upTo = owners.UpTo;
        var joined = await c.QueryAsync<long>("SELECT id FROM members WHERE tenant_id = @tenantId AND id > @upTo ORDER BY id", new { tenantId, upTo });
        lock (owners)
        {
            owners.Add(joined);
            return keys.Select(owners.OwnerOf).ToList();
        }
    }

    public async Task<IReadOnlyList<DayNumbers>> DailyAsync(string tenantId, long? challengeId, TimeZoneInfo zone, DateTimeOffset until, CancellationToken ct = default)
    {
        var only = challengeId is null ? "" : " AND i.challenge_id = @challengeId";
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long Kind, long ChallengeId, long At, long? MemberId, string? AuthorKey)>($"""
            SELECT 0, i.challenge_id, i.created_at, i.author_id, CASE WHEN i.author_id IS NULL AND i.source_id IS NULL THEN i.author_key END {CountedIdeas}{only}
            UNION ALL SELECT 1, i.challenge_id, k.created_at, k.author_id, CASE WHEN k.author_id IS NULL AND k.source_id IS NULL THEN k.author_key END {CountedComments}{only}
            UNION ALL SELECT 2, i.challenge_id, v.created_at, v.member_id, NULL {CountedVotes}{only}
            """, new { tenantId, challengeId });
        // An imported idea or comment comes with neither member nor key: it counts, but as nobody's.
        var blocked = await BlockedAsync(c, tenantId);
        var contributions = rows.Select(r => blocked(r.MemberId, r.AuthorKey)
            ? new Contribution((ContributionKind)r.Kind, r.ChallengeId, Time.FromUnixMs(r.At), null, null)
            : new Contribution((ContributionKind)r.Kind, r.ChallengeId, Time.FromUnixMs(r.At), r.MemberId, r.AuthorKey));
        return Numbers.Daily(contributions, zone, until, KeyFor(tenantId));
    }

    /// <summary>
    /// Whether a row is a blocked member's. A blocked member is not counted as a person: the block hid what they posted
    /// under their name, and counting them through what is left (their anonymous posts) would tell the team they wrote some.
    /// </summary>
    private async Task<Func<long?, string?, bool>> BlockedAsync(System.Data.Common.DbConnection c, string tenantId)
    {
        var blocked = (await c.QueryAsync<long>("SELECT id FROM members WHERE tenant_id = @tenantId AND blocked = 1", new { tenantId })).ToHashSet();
        if (blocked.Count == 0) return (_, _) => false;
        var keys = blocked.Select(KeyFor(tenantId)).ToHashSet(StringComparer.Ordinal);
        return (member, key) => member is { } id ? blocked.Contains(id) : key is not null && keys.Contains(key);
    }

    // The engine's keys remember each member's key themselves, and forget a tenant's when its own key changes (a tenant
    // deleted and imported again): a copy here would outlive that.
    private Func<long, string> KeyFor(string tenantId) => member => authorKeys.KeyFor(tenantId, member);
}
