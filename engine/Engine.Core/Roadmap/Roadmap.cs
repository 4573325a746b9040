using Engine.Core.BigIdeas;
using Engine.Core.Challenges;
using Engine.Core.Ideas;

namespace Engine.Core.Roadmap;

public sealed record RoadmapStage(IdeaStatus Stage, IReadOnlyList<(BigIdea BigIdea, Challenge Challenge)> BigIdeas, IReadOnlyList<Idea> Ideas);

/// <summary>Idea ids at the given statuses: published, not merged, in the given challenges, oldest status change first.</summary>
public interface IRoadmapQuery
{
    Task<IReadOnlyList<long>> IdeasAtAsync(string tenantId, IReadOnlyCollection<long> challengeIds, IReadOnlyCollection<IdeaStatus> statuses, CancellationToken ct = default);
}

/// <summary>
/// A site's roadmap: each stage with the big ideas and the ideas at it, from the challenges the public can see.
/// Ideas come through the public idea store, so an anonymous idea carries no author here either.
/// </summary>
public sealed class Roadmap(IRoadmapQuery query, IThemingStore theming, OpenChallenge open, IIdeaStore ideas)
{
    public async Task<IReadOnlyList<RoadmapStage>> ForSiteAsync(string tenantId, CancellationToken ct = default)
    {
        var visible = await open.ListAsync(tenantId, ct);
        var bigIdeas = new List<(BigIdea, Challenge)>();
        foreach (var challenge in visible)
            bigIdeas.AddRange((await theming.BigIdeasAsync(tenantId, challenge.Id, ct)).Select(b => (b, challenge)));
        var ids = await query.IdeasAtAsync(tenantId, visible.Select(c => c.Id).ToList(), RoadmapStages.All.ToList(), ct);
        var found = await ideas.FindManyAsync(tenantId, ids, ct);
        return RoadmapStages.All.Select(stage => new RoadmapStage(stage,
            bigIdeas.Where(b => b.Item1.Stage == stage).ToList(),
            found.Where(i => i.Status == stage).ToList())).ToList();
    }
}
