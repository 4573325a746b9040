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

    public Task AuditAsync(string tenantId, long actorId, string action, string subject, string detail, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("""
            INSERT INTO audit_log (tenant_id, id, at, actor_id, action, subject, detail)
            VALUES (@tenantId, @id, @now, @actorId, @action, @subject, @detail)
            """, new { tenantId, id = Sequences.Next(c, tx, tenantId, "audit"), now = now.ToUnixMs(), actorId, action, subject, detail }, tx), ct);
}
