namespace Engine.Core.News;

/// <summary>
/// A news update the site's admins write. <see cref="Body"/> is Markdown, rendered with SafeMarkdown (no raw HTML,
/// only http, https, mailto and relative links, images shown as links). <see cref="PublishedAt"/> is when it first
/// went out, kept if it is taken down and published again, so a feed reader sees the same entry.
/// </summary>
public sealed record NewsPost(long Id, string Title, string Summary, string Body, bool Published, DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record NewsInput(string? Title, string? Summary, string? Body);

public interface INewsStore
{
    Task<long> AddAsync(string tenantId, string title, string summary, string body, long actorId, DateTimeOffset now, CancellationToken ct = default);
    Task<bool> UpdateAsync(string tenantId, long id, string title, string summary, string body, long actorId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Publishes or takes down; false if there is no such post.</summary>
    Task<bool> SetPublishedAsync(string tenantId, long id, bool published, long actorId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>A post, published or not (the public pages check <see cref="NewsPost.Published"/>).</summary>
    Task<NewsPost?> FindAsync(string tenantId, long id, CancellationToken ct = default);
    /// <summary>Published posts, newest first.</summary>
    Task<IReadOnlyList<NewsPost>> PublishedAsync(string tenantId, int limit, CancellationToken ct = default);
    /// <summary>Every post, drafts first then newest first, for the admin pages.</summary>
    Task<IReadOnlyList<NewsPost>> AllAsync(string tenantId, CancellationToken ct = default);
}
