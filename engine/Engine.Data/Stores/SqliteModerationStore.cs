using Dapper;
using Engine.Core.Moderation;
using Engine.Data.Sqlite;
using Engine.Sdk;

namespace Engine.Data.Stores;

public sealed class SqliteModerationStore(SqliteDatabase db) : IModerationStore
{
    private static string Kind(ContributionKind kind) => kind == ContributionKind.Idea ? "idea" : "comment";
    private static string Table(ContributionKind kind) => kind == ContributionKind.Idea ? "ideas" : "comments";

    public Task<int> ReportAsync(string tenantId, ContributionKind kind, long id, long memberId, string reason, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var args = new { tenantId, kind = Kind(kind), id, memberId, reason, now = now.ToUnixMs() };
            c.Execute("""
                INSERT INTO reports (tenant_id, kind, content_id, member_id, reason, created_at)
                VALUES (@tenantId, @kind, @id, @memberId, @reason, @now)
                ON CONFLICT (tenant_id, kind, content_id, member_id) DO NOTHING
                """, args, tx);
            return c.ExecuteScalar<int>("SELECT COUNT(*) FROM reports WHERE tenant_id = @tenantId AND kind = @kind AND content_id = @id", args, tx);
        }, ct);

    public Task HoldAsync(string tenantId, ContributionKind kind, long id, string reason, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var args = new { tenantId, id, reason };
            var changed = c.Execute($"""
                UPDATE {Table(kind)} SET moderation = 'held', moderation_reason = @reason
                WHERE tenant_id = @tenantId AND id = @id AND moderation = 'published'
                """, args, tx);
            // A hidden comment no longer counts on its idea.
            if (changed == 1 && kind == ContributionKind.Comment)
                c.Execute("""
                    UPDATE ideas SET comment_count = comment_count - 1
                    WHERE tenant_id = @tenantId AND id = (SELECT idea_id FROM comments WHERE tenant_id = @tenantId AND id = @id)
                    """, args, tx);
            return changed;
        }, ct);

    public async Task<StoredAuthor?> AuthorOfAsync(string tenantId, ContributionKind kind, long id, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<(long? AuthorId, long Anonymous, string? DisplayName, string? Email)>($"""
            SELECT x.author_id, x.anonymous, m.display_name, m.email
            FROM {Table(kind)} x LEFT JOIN members m ON m.tenant_id = x.tenant_id AND m.id = x.author_id
            WHERE x.tenant_id = @tenantId AND x.id = @id
            """, new { tenantId, id });
        return row == default ? null : new StoredAuthor(row.AuthorId, row.DisplayName, row.Email, row.Anonymous != 0);
    }

    public async Task<IReadOnlyList<QueueItem>> QueueAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(string Kind, long Id, long IdeaId, string? Title, string Body, string Moderation, string? Reason, long Reports, long CreatedAt)>("""
            SELECT 'idea', i.id, i.id, i.title, i.body, i.moderation, i.moderation_reason,
                   (SELECT COUNT(*) FROM reports r WHERE r.tenant_id = i.tenant_id AND r.kind = 'idea' AND r.content_id = i.id), i.created_at
            FROM ideas i WHERE i.tenant_id = @tenantId
              AND (i.moderation = 'held' OR EXISTS (SELECT 1 FROM reports r WHERE r.tenant_id = i.tenant_id AND r.kind = 'idea' AND r.content_id = i.id AND i.moderation = 'published'))
            UNION ALL
            SELECT 'comment', k.id, k.idea_id, NULL, k.body, k.moderation, k.moderation_reason,
                   (SELECT COUNT(*) FROM reports r WHERE r.tenant_id = k.tenant_id AND r.kind = 'comment' AND r.content_id = k.id), k.created_at
            FROM comments k WHERE k.tenant_id = @tenantId
              AND (k.moderation = 'held' OR EXISTS (SELECT 1 FROM reports r WHERE r.tenant_id = k.tenant_id AND r.kind = 'comment' AND r.content_id = k.id AND k.moderation = 'published'))
            ORDER BY 9, 2
            """, new { tenantId });
        return rows.Select(r => new QueueItem(r.Kind == "idea" ? ContributionKind.Idea : ContributionKind.Comment, r.Id, r.IdeaId, r.Title, r.Body,
            Enum.Parse<ModerationState>(r.Moderation, ignoreCase: true), r.Reason, (int)r.Reports, Time.FromUnixMs(r.CreatedAt))).ToList();
    }

    public Task<bool> SetStateAsync(string tenantId, ContributionKind kind, long id, ModerationState state, string? reason, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var args = new { tenantId, id, state = state.ToString().ToLowerInvariant(), reason };
            var before = c.ExecuteScalar<string?>($"SELECT moderation FROM {Table(kind)} WHERE tenant_id = @tenantId AND id = @id", args, tx);
            if (before is null) return false;
            c.Execute($"UPDATE {Table(kind)} SET moderation = @state, moderation_reason = COALESCE(@reason, moderation_reason) WHERE tenant_id = @tenantId AND id = @id", args, tx);
            if (kind == ContributionKind.Comment) MoveCommentCount(c, tx, tenantId, id, before == "published", state == ModerationState.Published);
            return true;
        }, ct);

    public Task<int> BlockAsync(string tenantId, long memberId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var args = new { tenantId, memberId };
            c.Execute("UPDATE members SET blocked = 1 WHERE tenant_id = @tenantId AND id = @memberId", args, tx);
            var comments = c.Query<long>("SELECT id FROM comments WHERE tenant_id = @tenantId AND author_id = @memberId AND moderation = 'published'", args, tx).ToList();
            foreach (var comment in comments) MoveCommentCount(c, tx, tenantId, comment, wasPublic: true, isPublic: false);
            // Only content linked to the member by id: a fully anonymous contribution has no such link, by design.
            var hidden = c.Execute("""
                UPDATE comments SET moderation = 'hidden', moderation_reason = 'author blocked'
                WHERE tenant_id = @tenantId AND author_id = @memberId AND moderation IN ('published', 'held')
                """, args, tx);
            return hidden + c.Execute("""
                UPDATE ideas SET moderation = 'hidden', moderation_reason = 'author blocked'
                WHERE tenant_id = @tenantId AND author_id = @memberId AND moderation IN ('published', 'held')
                """, args, tx);
        }, ct);

    public async Task<IReadOnlyList<AuditEntry>> AuditLogAsync(string tenantId, string? action, int limit, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long Id, long At, long ActorId, string? ActorName, string Action, string Subject, string Detail)>("""
            SELECT a.id, a.at, a.actor_id, m.display_name, a.action, a.subject, a.detail
            FROM audit_log a LEFT JOIN members m ON m.tenant_id = a.tenant_id AND m.id = a.actor_id
            WHERE a.tenant_id = @tenantId AND (@action IS NULL OR a.action = @action)
            ORDER BY a.id DESC LIMIT @limit
            """, new { tenantId, action, limit });
        return rows.Select(r => new AuditEntry(r.Id, Time.FromUnixMs(r.At), r.ActorId, r.ActorName ?? $"member {r.ActorId}", r.Action, r.Subject, r.Detail)).ToList();
    }

    /// <summary>A comment counts on its idea only while it is public.</summary>
    private static void MoveCommentCount(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction tx, string tenantId, long commentId, bool wasPublic, bool isPublic)
    {
        if (wasPublic == isPublic) return;
        c.Execute("""
            UPDATE ideas SET comment_count = comment_count + @delta
            WHERE tenant_id = @tenantId AND id = (SELECT idea_id FROM comments WHERE tenant_id = @tenantId AND id = @commentId)
            """, new { tenantId, commentId, delta = isPublic ? 1 : -1 }, tx);
    }

    public Task AuditAsync(string tenantId, long actorId, string action, string subject, string detail, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("""
            INSERT INTO audit_log (tenant_id, id, at, actor_id, action, subject, detail)
            VALUES (@tenantId, @id, @now, @actorId, @action, @subject, @detail)
            """, new { tenantId, id = Sequences.Next(c, tx, tenantId, "audit"), now = now.ToUnixMs(), actorId, action, subject, detail }, tx), ct);
}
