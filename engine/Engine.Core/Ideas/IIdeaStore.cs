namespace Engine.Core.Ideas;

public interface IIdeaStore
{
    Task<long> AddAsync(string tenantId, long challengeId, long authorId, NewIdea idea, DateTimeOffset now, CancellationToken ct = default);
    Task<Idea?> FindAsync(string tenantId, long id, CancellationToken ct = default);
    Task<IdeaPage> ListAsync(string tenantId, long challengeId, IdeaSort sort, int page, int pageSize, DateTimeOffset now, CancellationToken ct = default);
}
