using System.Data.Common;
using Dapper;
using Engine.Core.Editing;
using Engine.Core.Moderation;
using Engine.Sdk;

namespace Engine.Data.Stores;

/// <summary>
/// Members' edits of their own ideas and comments, and withdrawn ideas. The edit window is judged inside the write, on the
/// contribution as it is then: on SQLite the one writer makes that read and the write one step; on PostgreSQL, where other
/// nodes write at the same time, the edit first locks the rows a vote or a comment on the same idea must change (its
/// counters and the idea), so either of those lands wholly before the edit's read or after its commit.
/// </summary>
public sealed class EditStore(Database db) : IEditStore
{
    private static string Kind(ContributionKind kind) => kind == ContributionKind.Idea ? "idea" : "comment";

    public Task<(EditResult Result, string? Why)> EditAsync(string tenantId, ContributionKind kind, long id, Owner owner, NewText text,
        Func<EditableState, string?> windowClosed, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync<(EditResult, string?)>(tenantId, (c, tx) =>
        {
            var row = Read(c, tx, kind, tenantId, id, owner, locking: true);
            if (row is null) return (EditResult.NotFound, null);
            if (!row.Mine) return (EditResult.NotYours, null);
            if (row.Moderation != "published") return (EditResult.NotPublished, null);
            if (windowClosed(row.State) is { } why) return (EditResult.WindowClosed, why);
            // Counted after the idea's row is locked, before anything is written: past the limit, the text stays as it was too.
            if (text.Images.Count > 0 && IdeaImageStore.Count(c, tx, tenantId, id) + text.Images.Count > Core.Images.ImageRules.MaxPerIdea)
                return (EditResult.TooManyImages, null);
            Replace(c, tx, tenantId, kind, id, text.Title, text.Body, now, """
                edited_at = @now, moderation = @moderation, moderation_reason = @reason, hold_text = @holdText
                """, new { moderation = text.State == ModerationState.Held ? "held" : "published", reason = text.Reason, holdText = text.HoldText?.ToJson() });
            if (kind == ContributionKind.Comment && text.State == ModerationState.Held)
                ModerationStore.MoveCommentCount(c, tx, tenantId, id, wasPublic: true, isPublic: false);
            if (kind == ContributionKind.Idea) IdeaImageStore.Insert(c, tx, tenantId, id, text.Images, now);
            return (EditResult.Done, null);
        }, ct);

    public Task<EditResult> EditHeldAsync(string tenantId, ContributionKind kind, long id, string? title, string body, DateTimeOffset now,
        CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            var moderation = c.ExecuteScalar<string?>($"SELECT moderation FROM {Table(kind)} WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id }, tx);
            if (moderation is null) return EditResult.NotFound;
            if (moderation != "held") return EditResult.NotPublished;
            // Not marked edited: the public never saw the text it replaces.
            Replace(c, tx, tenantId, kind, id, title, body, now, null, null);
            return EditResult.Done;
        }, ct);

    /// <summary>
    /// Keeps the text a contribution has as a version (the text as first posted becomes version 1 at the first change), then
    /// puts the new text in its place, with <paramref name="alsoSet"/> (more SET assignments, using <paramref name="alsoArgs"/>).
    /// </summary>
    private static void Replace(DbConnection c, DbTransaction tx, string tenantId, ContributionKind kind, long id, string? title, string body,
        DateTimeOffset now, string? alsoSet, object? alsoArgs)
    {
        var args = new DynamicParameters(new { tenantId, kind = Kind(kind), id, title, body, now = now.ToUnixMs() });
        if (alsoArgs is not null) args.AddDynamicParams(alsoArgs);
        // An idea's index form follows its text, in the language it was written in.
        if (kind == ContributionKind.Idea)
            args.AddDynamicParams(IdeaSearch.IndexedWords(
                c.ExecuteScalar<string?>("SELECT language FROM ideas WHERE tenant_id = @tenantId AND id = @id", args, tx), title ?? "", body));
        c.Execute($"""
            INSERT INTO contribution_versions (tenant_id, kind, content_id, version, title, body, created_at)
            SELECT tenant_id, @kind, id, 1, {(kind == ContributionKind.Idea ? "title" : "NULL")}, body, created_at FROM {Table(kind)}
            WHERE tenant_id = @tenantId AND id = @id
            ON CONFLICT (tenant_id, kind, content_id, version) DO NOTHING
            """, args, tx);
        c.Execute("""
            INSERT INTO contribution_versions (tenant_id, kind, content_id, version, title, body, created_at)
            SELECT @tenantId, @kind, @id, MAX(version) + 1, @title, @body, @now FROM contribution_versions
            WHERE tenant_id = @tenantId AND kind = @kind AND content_id = @id
            """, args, tx);
        c.Execute($"""
            UPDATE {Table(kind)} SET {(kind == ContributionKind.Idea ? "title = @title, title_words = @titleWords, body_words = @bodyWords, " : "")}body = @body{(alsoSet is null ? "" : ", " + alsoSet)}
            WHERE tenant_id = @tenantId AND id = @id
            """, args, tx);
    }

    public async Task<EditableState?> EditableAsync(string tenantId, ContributionKind kind, long id, Owner owner, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = Read(c, null, kind, tenantId, id, owner, locking: false);
        return row is { Mine: true, Moderation: "published" } ? row.State : null;
    }

    public async Task<(EditableState? Idea, IReadOnlyDictionary<long, EditableState> Comments)> MineOnIdeaAsync(string tenantId, long ideaId, Owner owner,
        CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var idea = Read(c, null, ContributionKind.Idea, tenantId, ideaId, owner, locking: false);
        var comments = await c.QueryAsync<(long Id, long CreatedAt, long Replies)>("""
            SELECT k.id, k.created_at,
                   (SELECT COUNT(*) FROM comments r WHERE r.tenant_id = k.tenant_id AND r.parent_id = k.id AND r.moderation = 'published')
            FROM comments k
            WHERE k.tenant_id = @tenantId AND k.idea_id = @ideaId AND k.moderation = 'published' AND (k.author_id = @MemberId OR k.author_key = @AuthorKey)
            """, new { tenantId, ideaId, owner.MemberId, owner.AuthorKey });
        return (idea is { Mine: true, Moderation: "published" } ? idea.State : null,
            comments.ToDictionary(k => k.Id, k => new EditableState(Time.FromUnixMs(k.CreatedAt), (int)k.Replies)));
    }

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<ContributionVersion>>> VersionsAsync(string tenantId, ContributionKind kind,
        IReadOnlyList<long> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return new Dictionary<long, IReadOnlyList<ContributionVersion>>();
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long ContentId, long Version, string? Title, string Body, long CreatedAt)>($"""
            SELECT content_id, version, title, body, created_at FROM contribution_versions
            WHERE tenant_id = @tenantId AND kind = @kind AND {db.IsIn("content_id", "ids")}
            ORDER BY content_id, version
            """, new { tenantId, kind = Kind(kind), ids = ids.ToArray() });
        return rows.GroupBy(r => r.ContentId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<ContributionVersion>)g.Select(r => new ContributionVersion((int)r.Version, r.Title, r.Body, Time.FromUnixMs(r.CreatedAt))).ToList());
    }

    public Task<EditResult> WithdrawAsync(string tenantId, long ideaId, Owner owner, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            var row = Read(c, tx, ContributionKind.Idea, tenantId, ideaId, owner, locking: true);
            if (row is null) return EditResult.NotFound;
            if (!row.Mine) return EditResult.NotYours;
            if (row.Moderation != "published") return EditResult.NotPublished;
            c.Execute("UPDATE ideas SET moderation = 'withdrawn', moderation_reason = 'withdrawn by its author', edited_at = @now WHERE tenant_id = @tenantId AND id = @ideaId",
                new { tenantId, ideaId, now = now.ToUnixMs() }, tx);
            return EditResult.Done;
        }, ct);

    public async Task<bool> IsWithdrawnAsync(string tenantId, long ideaId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return await c.ExecuteScalarAsync<string?>("SELECT moderation FROM ideas WHERE tenant_id = @tenantId AND id = @ideaId",
            new { tenantId, ideaId }) == "withdrawn";
    }

    private sealed record Row(bool Mine, string Moderation, EditableState State);

    /// <summary>
    /// The contribution and what has answered it: for an idea its voters and public comments, for a comment its public
    /// replies. With <paramref name="locking"/> on PostgreSQL, first locks the idea's row (which a new comment updates) and
    /// its counters' row (which a vote updates; made if missing, as zeros, which readers take a missing row to be).
    /// </summary>
    private Row? Read(DbConnection c, DbTransaction? tx, ContributionKind kind, string tenantId, long id, Owner owner, bool locking)
    {
        var args = new { tenantId, id, owner.MemberId, owner.AuthorKey };
        if (locking && db.Dialect == SqlDialect.Postgres)
        {
            var ideaId = kind == ContributionKind.Idea ? id
                : c.ExecuteScalar<long?>("SELECT idea_id FROM comments WHERE tenant_id = @tenantId AND id = @id", args, tx);
            if (ideaId is null) return null;
            var idea = new { tenantId, ideaId };
            c.Execute("SELECT 1 FROM ideas WHERE tenant_id = @tenantId AND id = @ideaId FOR UPDATE", idea, tx);
            c.Execute("INSERT INTO idea_counts (tenant_id, idea_id) SELECT @tenantId, @ideaId WHERE EXISTS (SELECT 1 FROM ideas WHERE tenant_id = @tenantId AND id = @ideaId) ON CONFLICT DO NOTHING", idea, tx);
            c.Execute("SELECT 1 FROM idea_counts WHERE tenant_id = @tenantId AND idea_id = @ideaId FOR UPDATE", idea, tx);
        }
        var row = c.QuerySingleOrDefault<ReadRow>(kind == ContributionKind.Idea
            ? """
              SELECT CASE WHEN i.author_id = @MemberId OR i.author_key = @AuthorKey THEN 1 ELSE 0 END AS Mine, i.moderation AS Moderation,
                     i.created_at AS CreatedAt,
                     i.comment_count + COALESCE((SELECT n.voter_count FROM idea_counts n WHERE n.tenant_id = i.tenant_id AND n.idea_id = i.id), 0) AS Reactions
              FROM ideas i WHERE i.tenant_id = @tenantId AND i.id = @id
              """
            : """
              SELECT CASE WHEN k.author_id = @MemberId OR k.author_key = @AuthorKey THEN 1 ELSE 0 END AS Mine, k.moderation AS Moderation,
                     k.created_at AS CreatedAt,
                     (SELECT COUNT(*) FROM comments r WHERE r.tenant_id = k.tenant_id AND r.parent_id = k.id AND r.moderation = 'published') AS Reactions
              FROM comments k WHERE k.tenant_id = @tenantId AND k.id = @id
              """, args, tx);
        return row is null ? null : new Row(row.Mine == 1, row.Moderation, new EditableState(Time.FromUnixMs(row.CreatedAt), (int)row.Reactions));
    }

    private sealed class ReadRow
    {
        public long Mine { get; set; }
        public string Moderation { get; set; } = "";
        public long CreatedAt { get; set; }
        public long Reactions { get; set; }
    }

    private static string Table(ContributionKind kind) => kind == ContributionKind.Idea ? "ideas" : "comments";
}
