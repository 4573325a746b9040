using Dapper;
using Engine.Core.Anonymity;
using Engine.Core.Comments;
using Engine.Core.Events;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Data.Events;
using Engine.Sdk;

namespace Engine.Data.Stores;

public sealed class CommentStore(Database db, IAnonymityPromise anonymity, IEventSubscribers? events = null) : ICommentStore
{
    private const string Select = """
        SELECT k.id, k.idea_id, k.parent_id, k.body, k.anonymous, k.created_at, m.display_name AS author_name, k.official,
               s.name AS source_name, s.held_on AS source_held_on, s.facilitator AS source_facilitator, k.edited_at, k.language
        FROM comments k
        LEFT JOIN members m ON m.tenant_id = k.tenant_id AND m.id = k.author_id AND k.anonymous = 0
        LEFT JOIN import_sources s ON s.tenant_id = k.tenant_id AND s.id = k.source_id
        WHERE k.moderation = 'published' AND k.tenant_id = @tenantId
        """;

    public async Task<long> AddAsync(string tenantId, long ideaId, Admission admission, NewComment comment, DateTimeOffset now, CancellationToken ct = default)
    {
        admission = await anonymity.KeptAsync(db, tenantId, ContributionKind.Comment, """
            SELECT c.slug FROM ideas i JOIN challenges c ON c.tenant_id = i.tenant_id AND c.id = i.challenge_id
            WHERE i.tenant_id = @tenantId AND i.id = @ideaId
            """, new { tenantId, ideaId }, admission, ct);
        return await db.WriteAsync(tenantId, (c, tx) =>
        {
            var id = Sequences.Next(c, tx, tenantId, "comment");
            var args = new DynamicParameters(Stored.AuthorColumns(admission));
            args.AddDynamicParams(new { tenantId, id, ideaId, comment.ParentId, comment.Body, comment.Official, comment.Language, createdAt = now.ToUnixMs() });
            c.Execute("""
                INSERT INTO comments (tenant_id, id, idea_id, parent_id, author_id, author_key, anonymous, body, moderation, moderation_reason, hold_text, official, created_at, language)
                VALUES (@tenantId, @id, @ideaId, @ParentId, @authorId, @authorKey, @anonymous, @Body, @moderation, @moderationReason, @holdText, @Official, @createdAt, @Language)
                """, args, tx);
            // Only what the public can see is counted.
            if (admission.State == ModerationState.Published)
                c.Execute("UPDATE ideas SET comment_count = comment_count + 1 WHERE tenant_id = @tenantId AND id = @ideaId", new { tenantId, ideaId }, tx);
            if (admission.State == ModerationState.Published && events.Wanted(tenantId))
                Outbox.Record(c, tx, tenantId, Outbox.IdeaStream(ideaId), EventKinds.CommentPosted, Outbox.Comment(c, tx, tenantId, id), now);
            return id;
        }, ct);
    }

    public async Task<Comment?> FindAsync(string tenantId, long id, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<Row>($"{Select} AND k.id = @id", new { tenantId, id });
        return row?.ToComment();
    }

    public async Task<IReadOnlyList<Comment>> ListForIdeaAsync(string tenantId, long ideaId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<Row>($"{Select} AND k.idea_id = @ideaId ORDER BY k.id", new { tenantId, ideaId });
        return rows.Select(r => r.ToComment()).ToList();
    }

    private sealed record Row(long Id, long IdeaId, long? ParentId, string Body, long Anonymous, long CreatedAt, string? AuthorName, long Official,
        string? SourceName, string? SourceHeldOn, string? SourceFacilitator, long? EditedAt, string? Language)
    {
        public Comment ToComment() => new(Id, IdeaId, ParentId, Body,
            Anonymous != 0 || AuthorName is null ? null : new AuthorView(AuthorName), Anonymous != 0, Time.FromUnixMs(CreatedAt), Official != 0,
            ImportedFrom.Describe(SourceName, SourceHeldOn, SourceFacilitator), EditedAt is { } edited ? Time.FromUnixMs(edited) : null, Language);
    }
}
