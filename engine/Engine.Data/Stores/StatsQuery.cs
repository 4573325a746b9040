using System.Collections.Concurrent;
using Dapper;
using Engine.Core.Anonymity;
using Engine.Core.Stats;
using Engine.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Engine.Data.Stores;

/// <summary>
/// Reads the rows the numbers count. Which rows count is decided here, once, in the Counted fragments below (see
/// <see cref="Numbers"/> for the definitions in words); who is the same person is decided by <see cref="Numbers"/>.
/// </summary>
/// <param name="recountEvery">
/// How often, at most, the headline numbers of one site or challenge are counted again after writes. Counting
/// reads every vote (100,000 on a big challenge: about 200 ms), and during a vote storm every page view would
/// otherwise start another count. The count runs in the background while views show the last one. Zero counts
/// again after every write, in the view that needs it.
/// </param>
public sealed class StatsQuery(Database db, IAuthorKeys authorKeys, Core.Common.DataVersions? versions = null,
    TimeProvider? clock = null, TimeSpan recountEvery = default, ILogger<StatsQuery>? logger = null) : IStatsQuery
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    // Public ideas: published (not held, rejected or hidden). Merged duplicates count: someone posted them.
    private const string CountedIdeas = """
        FROM ideas i WHERE i.tenant_id = @tenantId AND i.moderation = 'published'
        """;

    // Public comments on public ideas.
    private const string CountedComments = """
        FROM comments k JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
        WHERE k.tenant_id = @tenantId AND k.moderation = 'published' AND i.moderation = 'published'
        """;

    // Votes standing on public ideas, each once: a copy a merge carried onto the kept idea is not another vote.
    private const string CountedVotes = """
        FROM votes v JOIN ideas i ON i.tenant_id = v.tenant_id AND i.id = v.idea_id
        WHERE v.tenant_id = @tenantId AND i.moderation = 'published'
          AND NOT EXISTS (SELECT 1 FROM carried_votes cv WHERE cv.tenant_id = v.tenant_id AND cv.idea_id = v.idea_id AND cv.member_id = v.member_id)
        """;

    // Members' keys, worked out once per member: HMACs for thousands of voters on every count would add up.
    private readonly ConcurrentDictionary<(string Tenant, long Member), string> _keys = new();

    public Task<SiteStats> GetAsync(string tenantId, CancellationToken ct = default) => CountAsync(tenantId, null, ct);

    public Task<SiteStats> ForChallengeAsync(string tenantId, long challengeId, CancellationToken ct = default) => CountAsync(tenantId, challengeId, ct);

    // The headline numbers are on every home and challenge page: kept until the tenant's data next changes and the
    // copy is recountEvery old, then counted again in the background, one count at a time, while views show the copy.
    // Counted in the view itself, the count added 200 ms to one page view in every interval of a vote storm.
    private readonly ConcurrentDictionary<(string Tenant, long? Challenge), Counted> _counted = new();
    private readonly ConcurrentDictionary<(string Tenant, long? Challenge), bool> _counting = new();

    private sealed record Counted(long Version, DateTimeOffset At, SiteStats Stats);

    private async Task<SiteStats> CountAsync(string tenantId, long? challengeId, CancellationToken ct)
    {
        var key = (tenantId, challengeId);
        // The version is read before the data, so a write committed meanwhile can only make the copy look older, never newer.
        var version = versions?.Of(tenantId);
        var now = _clock.GetUtcNow();
        if (version is { } v && _counted.TryGetValue(key, out var kept) && (kept.Version == v || recountEvery > TimeSpan.Zero))
        {
            // A thread of its own: on a thread-pool worker, the 200 ms count held up the work queued behind it on that
            // worker (requests' continuations), and page views and votes alike had a p99 of about 200 ms.
            if (kept.Version != v && now - kept.At >= recountEvery && _counting.TryAdd(key, true))
                _ = Task.Factory.StartNew(() => Recount(key, v, now), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return kept.Stats;
        }
        var stats = await ReadCountsAsync(tenantId, challengeId);
        if (version is { } seen) _counted[key] = new Counted(seen, now, stats);
        return stats;
    }

    private void Recount((string Tenant, long? Challenge) key, long version, DateTimeOffset now)
    {
        try
        {
            // Waiting is fine on this thread: it is the count's own.
            _counted[key] = new Counted(version, now, ReadCountsAsync(key.Tenant, key.Challenge).GetAwaiter().GetResult());
        }
        catch (Exception e)
        {
            // The copy stands; the next view after the interval tries again.
            logger?.LogWarning(e, "Could not count the numbers of {Tenant} again", key.Tenant);
        }
        finally
        {
            _counting.TryRemove(key, out _);
        }
    }

    private async Task<SiteStats> ReadCountsAsync(string tenantId, long? challengeId)
    {
        var only = challengeId is null ? "" : " AND i.challenge_id = @challengeId";
        var args = new { tenantId, challengeId };
        await using var c = db.OpenReader();
        var counts = await c.QuerySingleAsync<(long Ideas, long Comments, long Votes, long ImportedIdeas, long ImportedComments, long Sources)>($"""
            SELECT (SELECT COUNT(*) {CountedIdeas}{only}), (SELECT COUNT(*) {CountedComments}{only}), (SELECT COUNT(*) {CountedVotes}{only}),
                (SELECT COUNT(*) {CountedIdeas}{only} AND i.source_id IS NOT NULL), (SELECT COUNT(*) {CountedComments}{only} AND k.source_id IS NOT NULL),
                (SELECT COUNT(DISTINCT src) FROM (SELECT i.source_id AS src {CountedIdeas}{only} AND i.source_id IS NOT NULL
                    UNION SELECT k.source_id {CountedComments}{only} AND k.source_id IS NOT NULL) AS sources)
            """, args);
        // UNION (not UNION ALL): each (member, key) pair once, however many times they took part. Imported ideas and
        // comments have no author who registered: they are not people.
        var participants = await c.QueryAsync<(long? MemberId, string? AuthorKey)>($"""
            SELECT i.author_id, CASE WHEN i.author_id IS NULL THEN i.author_key END {CountedIdeas}{only} AND i.source_id IS NULL
            UNION SELECT k.author_id, CASE WHEN k.author_id IS NULL THEN k.author_key END {CountedComments}{only} AND k.source_id IS NULL
            UNION SELECT v.member_id, NULL {CountedVotes}{only}
            """, args);
        var blocked = await BlockedAsync(c, tenantId);
        var people = Numbers.People(participants.Where(p => !blocked(p.MemberId, p.AuthorKey)).Select(p => new Participant(p.MemberId, p.AuthorKey)), KeyFor(tenantId));
        return new SiteStats(people, (int)counts.Ideas, (int)counts.Comments, (int)counts.Votes,
            (int)counts.ImportedIdeas, (int)counts.ImportedComments, (int)counts.Sources);
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

    private Func<long, string> KeyFor(string tenantId) =>
        member => _keys.GetOrAdd((tenantId, member), k => authorKeys.KeyFor(k.Tenant, k.Member));
}
