using System.Runtime.CompilerServices;
using Engine.Core.Caching;
using Engine.Core.Challenges;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Core.Ideas;

/// <summary>
/// A page of a challenge's ideas in the order the site's voting rule ranks them. The whole ranking
/// runs as one task with a time budget: if the rule fails or hangs, the page still shows, ranked
/// by the built-in rule. A ranking that overran is left running (a thread cannot be stopped); until it returns, that rule's
/// pages are ranked the built-in way at once, so a hanging or looping rule keeps one thread, not one per page built.
/// A page is kept in the <see cref="EngineCache"/> while no write of its tenant is committed (a vote moves the ranking),
/// for at most the default age (trending moves with time), and only for the same rule. The order itself is made apart from the
/// page (<see cref="KeptRankings"/>): a large challenge's order is kept across votes for a moment, so a page built after a
/// vote reads its own ideas, not every idea of the challenge.
/// </summary>
public sealed class ListIdeas(IIdeaStore ideas, IRuleResolver rules, TimeProvider clock, RuleBudget budget, ILogger<ListIdeas> logger,
    EngineCache? cache = null, IdeaForms.IIdeaFacetStore? facets = null, KeptRankings? rankings = null)
{
    private sealed record RankedIdeas(string TenantId, long ChallengeId, IdeaSort Sort, int Page, int Size, string Filter = "") : CacheKey<IdeaPage>(TenantId)
    {
        public override int MaxEntries => 10_000;
    }

    private readonly ConditionalWeakTable<IVotingRule, Task> _overrunning = new();

    /// <param name="filter">Which ideas to list (status, category, answers, official response); null or empty: all of them.</param>
    public async Task<IdeaPage> PageAsync(TenantDefinition tenant, Challenge challenge, IdeaSort sort, int page, int pageSize, CancellationToken ct = default,
        IdeaForms.IdeaFilter? filter = null)
    {
        var rule = rules.For(tenant, challenge.Slug).Voting;
        filter ??= IdeaForms.IdeaFilter.None;
        return cache is null
            ? await BuildAsync(tenant, challenge, sort, page, pageSize, rule, clock.GetUtcNow(), filter, ct)
            : await cache.GetAsync(new RankedIdeas(tenant.Id, challenge.Id, sort, page, pageSize, filter.Query),
                c => BuildAsync(tenant, challenge, sort, page, pageSize, rule, clock.GetUtcNow(), filter, c), ct, madeWith: rule);
    }

    private async Task<IdeaPage> BuildAsync(TenantDefinition tenant, Challenge challenge, IdeaSort sort, int page, int pageSize, IVotingRule rule,
        DateTimeOffset now, IdeaForms.IdeaFilter filter, CancellationToken ct)
    {
        var key = new RankingKey(tenant.Id, challenge.Id, sort, filter.Query);
        var ranking = rankings is null
            ? await RankAllAsync(tenant, challenge, sort, rule, now, filter, ct)
            : await rankings.RankAsync(key, rule, c => RankAllAsync(tenant, challenge, sort, rule, clock.GetUtcNow(), filter, c), ct);
        if (ranking.Withheld) return new IdeaPage([], 0, page, pageSize) { Withheld = true };
        var ids = ranking.Ids.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new IdeaPage(await ideas.FindManyAsync(tenant.Id, ids, ct), ranking.Ids.Count, page, pageSize);
    }

    /// <summary>Every listed idea of the challenge in order: reads all their counts, so its cost grows with the challenge.</summary>
    private async Task<Ranking> RankAllAsync(TenantDefinition tenant, Challenge challenge, IdeaSort sort, IVotingRule rule, DateTimeOffset now,
        IdeaForms.IdeaFilter filter, CancellationToken ct)
    {
        var tallies = await ideas.TalliesAsync(tenant.Id, challenge.Id, ct);
        if (!filter.IsEmpty)
        {
            var found = filter.Apply(await facets!.ForChallengeAsync(tenant.Id, challenge.Id, ct));
            if (found is null) return new Ranking([], Withheld: true);
            var kept = found.Select(f => f.IdeaId).ToHashSet();
            tallies = tallies.Where(t => kept.Contains(t.IdeaId)).ToList();
        }
        if (_overrunning.TryGetValue(rule, out var overrunning) && !overrunning.IsCompleted)
            return new Ranking(Order(tallies, sort, BuiltInVoting.Instance, now));
        return new Ranking(await RankAsync(tenant, challenge, tallies, sort, rule, now, ct));
    }

    private async Task<IReadOnlyList<long>> RankAsync(TenantDefinition tenant, Challenge challenge, IReadOnlyList<IdeaTally> tallies, IdeaSort sort,
        IVotingRule rule, DateTimeOffset now, CancellationToken ct)
    {
        // The built-in rule is the engine's own code and the fallback itself: it has no budget. With one, a large challenge
        // on a busy machine (160,000 ideas took over a second) outran it, logged an error and was then ranked a second time.
        if (rule is BuiltInVoting) return Order(tallies, sort, rule, now);
        var ranking = Task.Run(() => Order(tallies, sort, rule, now), ct);
        try
        {
            return await ranking.WaitAsync(budget.PerCall, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            if (!ranking.IsCompleted) _overrunning.AddOrUpdate(rule, ranking);
            // Plugin code failed or overran: rank the built-in way, so the page still shows.
            logger.LogError("Ranking challenge {Challenge} of tenant {TenantId} with {Rule} failed ({Failure}); used the built-in order",
                challenge.Slug, tenant.Id, rule, e.Message);
            return Order(tallies, sort, BuiltInVoting.Instance, now);
        }
    }

    public static IReadOnlyList<long> Order(IReadOnlyList<IdeaTally> tallies, IdeaSort sort, IVotingRule rule, DateTimeOffset now)
    {
        IOrderedEnumerable<IdeaTally> ordered = sort switch
        {
            IdeaSort.New => tallies.OrderByDescending(t => t.CreatedAt),
            IdeaSort.Discussed => tallies.OrderByDescending(t => t.Comments),
            IdeaSort.Trending => tallies.OrderByDescending(t => rule.TrendingKey(t, now)),
            _ => tallies.OrderByDescending(rule.TopKey),
        };
        // Equal in every part of the rule's key: the newer idea first, the same on every view and every node.
        return ordered.ThenByDescending(t => t.IdeaId).Select(t => t.IdeaId).ToList();
    }
}

/// <summary>How long any one call into plugin code may take.</summary>
public sealed record RuleBudget(TimeSpan PerCall);
