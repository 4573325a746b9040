using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Engine.Core.Common;
using Engine.Sdk;

namespace Engine.Core.Ideas;

/// <summary>Which ranked list: a challenge's ideas in one order, with one filter (its query; empty: all of them).</summary>
public sealed record RankingKey(string TenantId, long ChallengeId, IdeaSort Sort, string Filter);

/// <summary>A challenge's ideas in ranked order (ids only); withheld when the filter asked for too small a group.</summary>
public sealed record Ranking(IReadOnlyList<long> Ids, bool Withheld = false);

/// <summary>
/// A large challenge's ranked order, kept across votes for a moment. Ranking reads every idea's counts and sorts them all
/// (160,000 ideas: over 100 ms), and every vote drops the pages built from them, so without this a vote storm on a large
/// challenge made each page view rank the whole challenge again: a page cost more the more ideas its challenge had.
/// A ranking of at least <see cref="LargeFrom"/> ideas is kept while only votes were written since it was made (any other
/// write, such as a new, hidden or merged idea or a comment, ranks again at once) and while it is younger than
/// <see cref="RefreshEvery"/> (or eight times what its ranking took, if longer: a ranking of 160,000 ideas on a busy machine
/// took over a second); from half of that a view starts a new ranking in the background, one at a time per list, so views
/// do not wait for it. The page shows the kept order with its ideas' current counts (read for the page's ideas
/// alone), so a vote shows on the next view at once and moves an idea's place within <see cref="RefreshEvery"/>. The newest
/// and most discussed orders, which no vote can change, are kept across votes for as long as nothing else is written.
/// Smaller rankings are not kept: they are cheap, and their order follows every vote at once, as before.
/// </summary>
/// <param name="mostIdsKept">
/// How many ids all kept orders of one rule may hold together (8 bytes each: 4,000,000 is 32 MB, 25 orders of 160,000 ideas).
/// Beyond it (a crawler walking a large challenge's filter combinations) every kept order is dropped and made again when asked.
/// </param>
public sealed class KeptRankings(DataVersions versions, TimeProvider clock, int largeFrom = KeptRankings.DefaultLargeFrom, TimeSpan refreshEvery = default,
    long mostIdsKept = 4_000_000)
{
    public const int DefaultLargeFrom = 2_000;

    public int LargeFrom { get; } = largeFrom;
    public TimeSpan RefreshEvery { get; } = refreshEvery == default ? TimeSpan.FromSeconds(1) : refreshEvery;

    private sealed record Ranked(long Version, long BesidesVotes, DateTimeOffset At, TimeSpan Took, Ranking Ranking);

    // How long an order is shown after votes: RefreshEvery, or eight times what ranking it took if that is longer, so
    // re-ranking (from half of it) takes at most a quarter of a core however large the challenge and however busy the
    // machine. With a window shorter than one ranking, every view after a vote would wait for a ranking again.
    private TimeSpan Window(Ranked kept) => kept.Took * 8 > RefreshEvery ? kept.Took * 8 : RefreshEvery;

    private sealed class Lists
    {
        public readonly ConcurrentDictionary<RankingKey, Ranked> Kept = new();
        public readonly ConcurrentDictionary<RankingKey, Lazy<Task<Ranked>>> Running = new();
    }

    // Per voting rule, without holding the rule: a plugin's rule must not outlive its unloaded plugin because of us.
    private readonly ConditionalWeakTable<IVotingRule, Lists> _byRule = new();

    /// <summary>How many rankings are kept now, for every rule.</summary>
    public int Count => _byRule.Sum(r => r.Value.Kept.Count);

    /// <summary>The ranking of <paramref name="key"/> under <paramref name="rule"/>: kept, shared with one running, or made by <paramref name="rank"/>.</summary>
    public async Task<Ranking> RankAsync(RankingKey key, IVotingRule rule, Func<CancellationToken, Task<Ranking>> rank, CancellationToken ct = default)
    {
        var lists = _byRule.GetValue(rule, _ => new Lists());
        var version = versions.Of(key.TenantId);
        if (lists.Kept.TryGetValue(key, out var kept))
        {
            if (kept.Version == version) return kept.Ranking;
            var onlyVotesSince = kept.BesidesVotes == versions.BesidesVotes(key.TenantId);
            if (onlyVotesSince && !VotesMove(key.Sort)) return kept.Ranking;
            var age = clock.GetUtcNow() - kept.At;
            var window = Window(kept);
            if (onlyVotesSince && age < window)
            {
                if (age >= window / 2) Observed(Start(lists, key, rank));
                return kept.Ranking;
            }
        }
        while (true)
        {
            // A ranking that read this version or a later one has every write made before this view.
            var ranked = await Start(lists, key, rank).WaitAsync(ct);
            if (ranked.Version >= version) return ranked.Ranking;
        }
    }

    // Newest first and most discussed first are orders no vote can change (comments are other writes): kept across any votes.
    private static bool VotesMove(IdeaSort sort) => sort is not (IdeaSort.New or IdeaSort.Discussed);

    // One ranking at a time per list: the views that need it wait for the same one.
    private Task<Ranked> Start(Lists lists, RankingKey key, Func<CancellationToken, Task<Ranking>> rank)
    {
        Lazy<Task<Ranked>>? mine = null;
        mine = new Lazy<Task<Ranked>>(() => MakeAsync(lists, key, rank, mine!));
        return lists.Running.GetOrAdd(key, mine).Value;
    }

    private async Task<Ranked> MakeAsync(Lists lists, RankingKey key, Func<CancellationToken, Task<Ranking>> rank, Lazy<Task<Ranked>> running)
    {
        try
        {
            // Read before the data, so a write committed meanwhile leaves this ranking older than it.
            var (version, besidesVotes, at) = (versions.Of(key.TenantId), versions.BesidesVotes(key.TenantId), clock.GetUtcNow());
            await Task.Yield();
            // Shared by every view that waits for it: no one view's cancellation stops it.
            var ranking = await rank(CancellationToken.None);
            var ranked = new Ranked(version, besidesVotes, at, clock.GetUtcNow() - at, ranking);
            if (ranking.Ids.Count >= LargeFrom)
            {
                if (lists.Kept.Values.Sum(r => (long)r.Ranking.Ids.Count) + ranking.Ids.Count > mostIdsKept) lists.Kept.Clear();
                lists.Kept.AddOrUpdate(key, ranked, (_, old) => old.Version > version ? old : ranked);
            }
            else lists.Kept.TryRemove(key, out _);
            return ranked;
        }
        finally
        {
            lists.Running.TryRemove(KeyValuePair.Create(key, running));
        }
    }

    // A ranking started in the background for later views: its failure shows to the view that next waits for one.
    private static void Observed(Task task) => task.ContinueWith(t => _ = t.Exception, CancellationToken.None,
        TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
