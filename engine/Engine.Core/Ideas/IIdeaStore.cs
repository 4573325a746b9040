using Engine.Core.Moderation;
using Engine.Sdk;

namespace Engine.Core.Ideas;

public interface IIdeaStore
{
    Task<long> AddAsync(string tenantId, long challengeId, Admission admission, NewIdea idea, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>A published idea, or null: held content is not public.</summary>
    Task<Idea?> FindAsync(string tenantId, long id, CancellationToken ct = default);
    /// <summary>The published ideas with these ids, in the order given.</summary>
    Task<IReadOnlyList<Idea>> FindManyAsync(string tenantId, IReadOnlyList<long> ids, CancellationToken ct = default);
    /// <summary>The counts of every published idea in a challenge, for ranking.</summary>
    Task<IReadOnlyList<IdeaTally>> TalliesAsync(string tenantId, long challengeId, CancellationToken ct = default);
}
