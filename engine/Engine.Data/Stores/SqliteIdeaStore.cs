using Dapper;
using Engine.Core.Ideas;
using Engine.Data.Sqlite;

namespace Engine.Data.Stores;

public sealed class SqliteIdeaStore(SqliteDatabase db) : IIdeaStore
{
    // The author's name is joined only for ideas that were not posted anonymously, so an
    // anonymous idea's author never leaves the database on a public read.
    private const string Select = """
        SELECT i.id, i.challenge_id, c.slug AS challenge_slug, i.title, i.body, i.anonymous, i.status,
               i.up_count, i.down_count, i.comment_count, i.created_at, m.display_name AS author_name
        FROM ideas i
        JOIN challenges c ON c.tenant_id = i.tenant_id AND c.id = i.challenge_id
        LEFT JOIN members m ON m.tenant_id = i.tenant_id AND m.id = i.author_id AND i.anonymous = 0
        """;

    public Task<long> AddAsync(string tenantId, long challengeId, long authorId, NewIdea idea, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var id = Sequences.Next(c, tx, tenantId, "idea");
            c.Execute("""
                INSERT INTO ideas (tenant_id, id, challenge_id, author_id, anonymous, title, body, status, created_at)
                VALUES (@tenantId, @id, @challengeId, @authorId, @Anonymous, @Title, @Body, 'submitted', @createdAt)
                """, new { tenantId, id, challengeId, authorId, idea.Anonymous, idea.Title, idea.Body, createdAt = now.ToUnixMs() }, tx);
            return id;
        }, ct);

    public async Task<Idea?> FindAsync(string tenantId, long id, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE i.tenant_id = @tenantId AND i.id = @id", new { tenantId, id });
        return row?.ToIdea();
    }

    public async Task<IdeaPage> ListAsync(string tenantId, long challengeId, IdeaSort sort, int page, int pageSize, DateTimeOffset now, CancellationToken ct = default)
    {
        var order = sort switch
        {
            IdeaSort.New => "i.created_at DESC, i.id DESC",
            IdeaSort.Discussed => "i.comment_count DESC, i.id DESC",
            IdeaSort.Trending => "trending(i.up_count, i.down_count, i.comment_count, i.created_at, @now) DESC, i.id DESC",
            _ => "(i.up_count - i.down_count) DESC, i.up_count DESC, i.id DESC",
        };
        await using var c = db.OpenReader();
        var args = new { tenantId, challengeId, now = now.ToUnixMs(), limit = pageSize, offset = (page - 1) * pageSize };
        var rows = await c.QueryAsync<Row>(
            $"{Select} WHERE i.tenant_id = @tenantId AND i.challenge_id = @challengeId ORDER BY {order} LIMIT @limit OFFSET @offset", args);
        var total = await c.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM ideas WHERE tenant_id = @tenantId AND challenge_id = @challengeId", args);
        return new IdeaPage(rows.Select(r => r.ToIdea()).ToList(), total, page, pageSize);
    }

    private sealed record Row(long Id, long ChallengeId, string ChallengeSlug, string Title, string Body, long Anonymous,
        string Status, long UpCount, long DownCount, long CommentCount, long CreatedAt, string? AuthorName)
    {
        public Idea ToIdea() => new(Id, ChallengeId, ChallengeSlug, Title, Body,
            Anonymous != 0 || AuthorName is null ? null : new AuthorView(AuthorName), Anonymous != 0,
            StatusNames.Parse(Status), (int)UpCount, (int)DownCount, (int)CommentCount, Time.FromUnixMs(CreatedAt));
    }
}

internal static class StatusNames
{
    public static IdeaStatus Parse(string value) => Enum.Parse<IdeaStatus>(value.Replace("-", ""), ignoreCase: true);
}
