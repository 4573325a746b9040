using Engine.Core.Moderation;

namespace Engine.Core.Comments;

public interface ICommentStore
{
    Task<long> AddAsync(string tenantId, long ideaId, Admission admission, NewComment comment, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>A published comment, or null.</summary>
    Task<Comment?> FindAsync(string tenantId, long id, CancellationToken ct = default);
    Task<IReadOnlyList<Comment>> ListForIdeaAsync(string tenantId, long ideaId, CancellationToken ct = default);
}
