namespace Engine.Core.Comments;

public interface ICommentStore
{
    Task<long> AddAsync(string tenantId, long ideaId, long authorId, NewComment comment, DateTimeOffset now, CancellationToken ct = default);
    Task<Comment?> FindAsync(string tenantId, long id, CancellationToken ct = default);
    Task<IReadOnlyList<Comment>> ListForIdeaAsync(string tenantId, long ideaId, CancellationToken ct = default);
}
