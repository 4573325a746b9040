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
/// for at most the default age (trending moves with time), and only for the same rule.
/// </summary>
public sealed class ListIdeas(IIdeaStore ideas, IRuleResolver rules, TimeProvider clock, RuleBudget budget, ILogger<ListIdeas> logger,
    EngineCache? cache = null, IdeaForms.IIdeaFacetStore? facets = null)
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
        var tallies = await ideas.TalliesAsync(tenant.Id, challenge.Id, ct);
        if (!filter.IsEmpty)
        {
            var found = filter.Apply(await facets!.ForChallengeAsync(tenant.Id, challenge.Id, ct));
            if (found is null) return new IdeaPage([], 0, page, pageSize) { Withheld = true };
            var kept = found.Select(f => f.IdeaId).ToHashSet();
            tallies = tallies.Where(t => kept.Contains(t.IdeaId)).ToList();
        }
        IReadOnlyList<long> ordered;
        if (_overrunning.TryGetValue(rule, out var overrunning) && !overrunning.IsCompleted)
            ordered = Order(tallies, sort, BuiltInVoting.Instance, now);
        else
            ordered = await RankAsync(tenant, challenge, tallies, sort, rule, now, ct);
        var ids = ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new IdeaPage(await ideas.FindManyAsync(tenant.Id, ids, ct), tallies.Count, page, pageSize);
    }

    private async Task<IReadOnlyList<long>> RankAsync(TenantDefinition tenant, Challenge challenge, IReadOnlyList<IdeaTally> tallies, IdeaSort sort,
        IVotingRule rule, DateTimeOffset now, CancellationToken ct)
    {
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
