using Dapper;
using Engine.Core.News;

namespace Engine.Data.Stores;

public sealed class NewsStore(Database db) : INewsStore
{
    private const string Select = """
        SELECT id, title, summary, body, published, published_at, created_at, updated_at FROM news WHERE tenant_id = @tenantId
        """;

    public Task<long> AddAsync(string tenantId, string title, string summary, string body, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            var id = Sequences.Next(c, tx, tenantId, "news");
            c.Execute("""
                INSERT INTO news (tenant_id, id, title, summary, body, published, created_at, created_by, updated_at, updated_by)
                VALUES (@tenantId, @id, @title, @summary, @body, 0, @now, @actorId, @now, @actorId)
                """, new { tenantId, id, title, summary, body, actorId, now = now.ToUnixMs() }, tx);
            return id;
        }, ct);

    public Task<bool> UpdateAsync(string tenantId, long id, string title, string summary, string body, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("""
            UPDATE news SET title = @title, summary = @summary, body = @body, updated_at = @now, updated_by = @actorId
            WHERE tenant_id = @tenantId AND id = @id
            """, new { tenantId, id, title, summary, body, actorId, now = now.ToUnixMs() }, tx) == 1, ct);

    public Task<bool> SetPublishedAsync(string tenantId, long id, bool published, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("""
            UPDATE news SET published = @published, published_at = COALESCE(published_at, CASE WHEN @published = 1 THEN @now END),
                            updated_at = @now, updated_by = @actorId
            WHERE tenant_id = @tenantId AND id = @id
            """, new { tenantId, id, published = published ? 1 : 0, actorId, now = now.ToUnixMs() }, tx) == 1, ct);

    public async Task<NewsPost?> FindAsync(string tenantId, long id, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QuerySingleOrDefaultAsync<Row>($"{Select} AND id = @id", new { tenantId, id }))?.ToPost();
    }

    public async Task<IReadOnlyList<NewsPost>> PublishedAsync(string tenantId, int limit, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<Row>($"{Select} AND published = 1 ORDER BY published_at DESC, id DESC LIMIT @limit", new { tenantId, limit }))
            .Select(r => r.ToPost()).ToList();
    }

    public async Task<IReadOnlyList<NewsPost>> AllAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<Row>($"{Select} ORDER BY published, COALESCE(published_at, created_at) DESC, id DESC", new { tenantId }))
            .Select(r => r.ToPost()).ToList();
    }

    private sealed record Row(long Id, string Title, string Summary, string Body, long Published, long? PublishedAt, long CreatedAt, long UpdatedAt)
    {
        public NewsPost ToPost() => new(Id, Title, Summary, Body, Published != 0,
            PublishedAt is { } at ? Time.FromUnixMs(at) : null, Time.FromUnixMs(CreatedAt), Time.FromUnixMs(UpdatedAt));
    }
}
