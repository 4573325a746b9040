using Engine.Core.Challenges;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Core.Ideas;

/// <summary>
/// A page of a challenge's ideas in the order the site's voting rule ranks them. The whole ranking
/// runs as one task with a time budget: if the rule fails or hangs, the page still shows, ranked
/// by the built-in rule.
/// </summary>
public sealed class ListIdeas(IIdeaStore ideas, IRuleResolver rules, TimeProvider clock, RuleBudget budget, ILogger<ListIdeas> logger)
{
    public async Task<IdeaPage> PageAsync(TenantDefinition tenant, Challenge challenge, IdeaSort sort, int page, int pageSize, CancellationToken ct = default)
    {
        var tallies = await ideas.TalliesAsync(tenant.Id, challenge.Id, ct);
        var rule = rules.For(tenant, challenge.Slug).Voting;
        var now = clock.GetUtcNow();
        IReadOnlyList<long> ordered;
        try
        {
            ordered = await Task.Run(() => Order(tallies, sort, rule, now), ct).WaitAsync(budget.PerCall, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Plugin code failed or overran: rank the built-in way, so the page still shows.
            logger.LogError("Ranking challenge {Challenge} of tenant {TenantId} with {Rule} failed ({Exception}); used the built-in order",
                challenge.Slug, tenant.Id, rule.GetType().Name, e.GetType().Name);
            ordered = Order(tallies, sort, BuiltInVoting.Instance, now);
        }
        var ids = ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new IdeaPage(await ideas.FindManyAsync(tenant.Id, ids, ct), tallies.Count, page, pageSize);
    }

    public static IReadOnlyList<long> Order(IReadOnlyList<IdeaTally> tallies, IdeaSort sort, IVotingRule rule, DateTimeOffset now)
    {
        IOrderedEnumerable<IdeaTally> ordered = sort switch
        {
            IdeaSort.New => tallies.OrderByDescending(t => t.CreatedAt),
            IdeaSort.Discussed => tallies.OrderByDescending(t => t.Comments),
            IdeaSort.Trending => tallies.OrderByDescending(t => rule.TrendingScore(t, now)),
            _ => tallies.OrderByDescending(rule.TopScore),
        };
        return ordered.ThenByDescending(t => t.IdeaId).Select(t => t.IdeaId).ToList();
    }
}

/// <summary>How long any one call into plugin code may take.</summary>
public sealed record RuleBudget(TimeSpan PerCall);
