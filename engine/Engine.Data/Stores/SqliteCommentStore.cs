using Dapper;
using Engine.Core.Comments;
using Engine.Core.Ideas;
using Engine.Data.Sqlite;

namespace Engine.Data.Stores;

public sealed class SqliteCommentStore(SqliteDatabase db) : ICommentStore
{
    private const string Select = """
        SELECT k.id, k.idea_id, k.parent_id, k.body, k.anonymous, k.created_at, m.display_name AS author_name
        FROM comments k
        LEFT JOIN members m ON m.tenant_id = k.tenant_id AND m.id = k.author_id AND k.anonymous = 0
        """;

    public Task<long> AddAsync(string tenantId, long ideaId, long authorId, NewComment comment, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var id = Sequences.Next(c, tx, tenantId, "comment");
            c.Execute("""
                INSERT INTO comments (tenant_id, id, idea_id, parent_id, author_id, anonymous, body, created_at)
                VALUES (@tenantId, @id, @ideaId, @ParentId, @authorId, @Anonymous, @Body, @createdAt)
                """, new { tenantId, id, ideaId, comment.ParentId, authorId, comment.Anonymous, comment.Body, createdAt = now.ToUnixMs() }, tx);
            c.Execute("UPDATE ideas SET comment_count = comment_count + 1 WHERE tenant_id = @tenantId AND id = @ideaId",
                new { tenantId, ideaId }, tx);
            return id;
        }, ct);

    public async Task<Comment?> FindAsync(string tenantId, long id, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE k.tenant_id = @tenantId AND k.id = @id", new { tenantId, id });
        return row?.ToComment();
    }

    public async Task<IReadOnlyList<Comment>> ListForIdeaAsync(string tenantId, long ideaId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<Row>($"{Select} WHERE k.tenant_id = @tenantId AND k.idea_id = @ideaId ORDER BY k.id", new { tenantId, ideaId });
        return rows.Select(r => r.ToComment()).ToList();
    }

    private sealed record Row(long Id, long IdeaId, long? ParentId, string Body, long Anonymous, long CreatedAt, string? AuthorName)
    {
        public Comment ToComment() => new(Id, IdeaId, ParentId, Body,
            Anonymous != 0 || AuthorName is null ? null : new AuthorView(AuthorName), Anonymous != 0, Time.FromUnixMs(CreatedAt));
    }
}
