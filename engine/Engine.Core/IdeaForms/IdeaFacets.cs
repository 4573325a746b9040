using Engine.Core.Ideas;

namespace Engine.Core.IdeaForms;

/// <summary>
/// What a challenge's ideas are filtered and counted by. <see cref="Person"/> tells one author from another (their member id,
/// or a fully anonymous author's key) without naming them: it never leaves the engine.
/// </summary>
public sealed record IdeaFacets(long IdeaId, IdeaStatus Status, string Person, bool Anonymous, bool Responded, IdeaAnswers Answers);

public interface IIdeaFacetStore
{
    /// <summary>The facets of every published idea of a challenge that was not merged into another (the ideas its list shows).</summary>
    Task<IReadOnlyList<IdeaFacets>> ForChallengeAsync(string tenantId, long challengeId, CancellationToken ct = default);
}
