using System.Data.Common;
using Dapper;
using Engine.Core.Events;
using Engine.Core.Moderation;
using Engine.Data.Events;
using Engine.Sdk;

namespace Engine.Data.Stores;

public sealed class ModerationStore(Database db, IEventSubscribers? events = null) : IModerationStore
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
            // Reports a moderator has dealt with (judged the content fine) no longer count towards a threshold.
            return c.ExecuteScalar<int>("SELECT COUNT(*) FROM reports WHERE tenant_id = @tenantId AND kind = @kind AND content_id = @id AND dealt_with_at IS NULL", args, tx);
        }, ct);

    public Task HoldAsync(string tenantId, ContributionKind kind, long id, string reason, CancellationToken ct = default, HoldText? text = null) =>
        db.WriteAsync((c, tx) =>
        {
            var args = new { tenantId, id, reason, holdText = text?.ToJson() };
            var changed = c.Execute($"""
                UPDATE {Table(kind)} SET moderation = 'held', moderation_reason = @reason, hold_text = @holdText
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
        var rows = await c.QueryAsync<ItemTuple>($"""
            SELECT 'idea' AS Kind, i.id AS Id, i.id AS IdeaId, i.title AS Title, i.body AS Body, i.moderation AS Moderation, i.moderation_reason AS Reason,
                   {OpenReports("idea", "i")} AS Reports, i.created_at AS CreatedAt, i.before_block IS NOT NULL AS ByBlock, i.hold_text AS HoldText
            FROM ideas i WHERE i.tenant_id = @tenantId
              AND (i.moderation = 'held' OR (i.moderation = 'published' AND {OpenReports("idea", "i")} > 0))
            UNION ALL
            SELECT 'comment', k.id, k.idea_id, NULL, k.body, k.moderation, k.moderation_reason,
                   {OpenReports("comment", "k")}, k.created_at, k.before_block IS NOT NULL, k.hold_text
            FROM comments k WHERE k.tenant_id = @tenantId
              AND (k.moderation = 'held' OR (k.moderation = 'published' AND {OpenReports("comment", "k")} > 0))
            ORDER BY 9, 2
            """, new { tenantId });
        return await WithReportReasonsAsync(c, tenantId, rows.Select(ItemRow.From).ToList());
    }

    public async Task<IReadOnlyList<QueueItem>> HiddenAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<ItemTuple>("""
            SELECT 'idea' AS Kind, i.id AS Id, i.id AS IdeaId, i.title AS Title, i.body AS Body, i.moderation AS Moderation, i.moderation_reason AS Reason,
                   0 AS Reports, i.created_at AS CreatedAt, i.before_block IS NOT NULL AS ByBlock, i.hold_text AS HoldText
            FROM ideas i WHERE i.tenant_id = @tenantId AND i.moderation = 'hidden'
            UNION ALL
            SELECT 'comment', k.id, k.idea_id, NULL, k.body, k.moderation, k.moderation_reason, 0, k.created_at, k.before_block IS NOT NULL, k.hold_text
            FROM comments k WHERE k.tenant_id = @tenantId AND k.moderation = 'hidden'
            ORDER BY 9 DESC, 2 DESC
            LIMIT 500
            """, new { tenantId });
        return rows.Select(r => ItemRow.From(r).ToItem([])).ToList();
    }

    public async Task<QueueItem?> ItemAsync(string tenantId, ContributionKind kind, long id, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<ItemTuple>(kind == ContributionKind.Idea
            ? $"""
              SELECT 'idea' AS Kind, i.id AS Id, i.id AS IdeaId, i.title AS Title, i.body AS Body, i.moderation AS Moderation, i.moderation_reason AS Reason,
                     {OpenReports("idea", "i")} AS Reports, i.created_at AS CreatedAt, i.before_block IS NOT NULL AS ByBlock, i.hold_text AS HoldText
              FROM ideas i WHERE i.tenant_id = @tenantId AND i.id = @id
              """
            : $"""
              SELECT 'comment' AS Kind, k.id AS Id, k.idea_id AS IdeaId, NULL AS Title, k.body AS Body, k.moderation AS Moderation, k.moderation_reason AS Reason,
                     {OpenReports("comment", "k")} AS Reports, k.created_at AS CreatedAt, k.before_block IS NOT NULL AS ByBlock, k.hold_text AS HoldText
              FROM comments k WHERE k.tenant_id = @tenantId AND k.id = @id
              """, new { tenantId, id });
        return row is null ? null : (await WithReportReasonsAsync(c, tenantId, [ItemRow.From(row)])).Single();
    }

    private static string OpenReports(string kind, string alias) =>
        $"(SELECT COUNT(*) FROM reports r WHERE r.tenant_id = {alias}.tenant_id AND r.kind = '{kind}' AND r.content_id = {alias}.id AND r.dealt_with_at IS NULL)";

    private static async Task<IReadOnlyList<QueueItem>> WithReportReasonsAsync(DbConnection c, string tenantId, List<ItemRow> rows)
    {
        var reasons = (await c.QueryAsync<(string Kind, long ContentId, string Reason)>("""
            SELECT kind, content_id, reason FROM reports
            WHERE tenant_id = @tenantId AND dealt_with_at IS NULL AND reason <> ''
            ORDER BY created_at, member_id
            """, new { tenantId }))
            .ToLookup(r => (r.Kind, r.ContentId), r => r.Reason);
        return rows.Select(r => r.ToItem(reasons[(r.Kind, r.Id)].ToList())).ToList();
    }

    // Dapper maps a value tuple by position, which the UNION's unnamed columns need.
    private sealed record ItemRow(string Kind, long Id, long IdeaId, string? Title, string Body, string Moderation, string? Reason, long Reports, long CreatedAt, long ByBlock,
        string? HoldText)
    {
        public static ItemRow From(ItemTuple t) => new(t.Kind, t.Id, t.IdeaId, t.Title, t.Body, t.Moderation, t.Reason, t.Reports, t.CreatedAt, t.ByBlock, t.HoldText);

        public QueueItem ToItem(IReadOnlyList<string> reportReasons) => new(Kind == "idea" ? ContributionKind.Idea : ContributionKind.Comment, Id, IdeaId, Title, Body,
            Enum.Parse<ModerationState>(Moderation, ignoreCase: true), Reason, (int)Reports, Time.FromUnixMs(CreatedAt), reportReasons, ByBlock != 0)
        { HoldText = Core.Moderation.HoldText.FromJson(HoldText) };
    }

    private sealed class ItemTuple
    {
        public string Kind { get; set; } = "";
        public long Id { get; set; }
        public long IdeaId { get; set; }
        public string? Title { get; set; }
        public string Body { get; set; } = "";
        public string Moderation { get; set; } = "";
        public string? Reason { get; set; }
        public long Reports { get; set; }
        public long CreatedAt { get; set; }
        public long ByBlock { get; set; }
        public string? HoldText { get; set; }
    }

    public Task<StateChange> SetStateAsync(string tenantId, ContributionKind kind, long id, IReadOnlyCollection<ModerationState> from, ModerationState state,
        string? reason, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var args = new { tenantId, id, kind = Kind(kind), state = state.ToString().ToLowerInvariant(), reason, actorId, now = now.ToUnixMs() };
            var before = c.ExecuteScalar<string?>($"SELECT moderation FROM {Table(kind)} WHERE tenant_id = @tenantId AND id = @id", args, tx);
            if (before is null) return StateChange.NotFound;
            if (!from.Contains(Enum.Parse<ModerationState>(before, ignoreCase: true))) return StateChange.WrongState;
            // The moderator's decision replaces whatever a block did: unblocking the author later leaves it alone.
            c.Execute($"""
                UPDATE {Table(kind)} SET moderation = @state, moderation_reason = COALESCE(@reason, moderation_reason), before_block = NULL, before_block_reason = NULL
                WHERE tenant_id = @tenantId AND id = @id
                """, args, tx);
            CloseReports(c, tx, args);
            if (kind == ContributionKind.Comment) MoveCommentCount(c, tx, tenantId, id, before == "published", state == ModerationState.Published);
            if (before == "held" && state == ModerationState.Published && events.Wanted(tenantId))
            {
                // Approved: an idea says so; a comment is told as posted, as one published at once is, now that the public sees it.
                if (kind == ContributionKind.Idea)
                    Outbox.Record(c, tx, tenantId, Outbox.IdeaStream(id), EventKinds.IdeaApproved, Outbox.Idea(c, tx, tenantId, id), now);
                else if (Outbox.Comment(c, tx, tenantId, id) is { IdeaId: { } ideaId } comment)
                    Outbox.Record(c, tx, tenantId, Outbox.IdeaStream(ideaId), EventKinds.CommentPosted, comment, now);
            }
            return StateChange.Done;
        }, ct);

    public Task<DismissedReports?> DismissReportsAsync(string tenantId, ContributionKind kind, long id, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync<DismissedReports?>((c, tx) =>
        {
            var args = new { tenantId, id, kind = Kind(kind), actorId, now = now.ToUnixMs() };
            var state = c.ExecuteScalar<string?>($"SELECT moderation FROM {Table(kind)} WHERE tenant_id = @tenantId AND id = @id", args, tx);
            if (state is null) return null;
            var reasons = c.Query<string>("""
                SELECT reason FROM reports WHERE tenant_id = @tenantId AND kind = @kind AND content_id = @id AND dealt_with_at IS NULL ORDER BY created_at, member_id
                """, args, tx).ToList();
            CloseReports(c, tx, args);
            // Only published content can be reported, so held content with open reports is what the reports took off
            // the site (report-threshold): with the reports dismissed, nothing holds it any more.
            var restored = state == "held" && reasons.Count > 0;
            if (restored)
            {
                c.Execute($"UPDATE {Table(kind)} SET moderation = 'published', moderation_reason = NULL WHERE tenant_id = @tenantId AND id = @id", args, tx);
                if (kind == ContributionKind.Comment) MoveCommentCount(c, tx, tenantId, id, wasPublic: false, isPublic: true);
            }
            return new DismissedReports(reasons, restored);
        }, ct);

    private static void CloseReports(DbConnection c, DbTransaction tx, object args) =>
        c.Execute("""
            UPDATE reports SET dealt_with_at = @now, dealt_with_by = @actorId
            WHERE tenant_id = @tenantId AND kind = @kind AND content_id = @id AND dealt_with_at IS NULL
            """, args, tx);

    public Task<BlockedContent> BlockAsync(string tenantId, long memberId, bool anonymousToo, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var args = new { tenantId, memberId, anonymousToo = anonymousToo ? 1 : 0 };
            // A new security stamp ends the member's sign-ins and personal tokens, so unblocking does not bring them back.
            c.Execute("UPDATE members SET blocked = 1, security_stamp = @stamp WHERE tenant_id = @tenantId AND id = @memberId",
                new { tenantId, memberId, stamp = Guid.NewGuid().ToString("N") }, tx);
            // Anonymous contributions stay unless the moderator chose to hide them too (a reveal, audited per item):
            // hiding them with the named ones would show the moderator, and the public, which they are.
            const string whose = "tenant_id = @tenantId AND author_id = @memberId AND (anonymous = 0 OR @anonymousToo = 1)";
            var comments = c.Query<long>($"SELECT id FROM comments WHERE {whose} AND moderation = 'published'", args, tx).ToList();
            foreach (var comment in comments) MoveCommentCount(c, tx, tenantId, comment, wasPublic: true, isPublic: false);
            var anonymous = new List<(ContributionKind, long)>();
            foreach (var kind in new[] { ContributionKind.Idea, ContributionKind.Comment })
                anonymous.AddRange(c.Query<long>($"SELECT id FROM {Table(kind)} WHERE {whose} AND anonymous <> 0 AND moderation IN ('published', 'held') ORDER BY id", args, tx)
                    .Select(id => (kind, id)));
            // Only content linked to the member by id: a fully anonymous contribution has no such link, by design.
            // What each item was is kept, so that unblocking puts back exactly what the block hid.
            var hidden = 0;
            foreach (var table in new[] { "comments", "ideas" })
                hidden += c.Execute($"""
                    UPDATE {table} SET before_block = moderation, before_block_reason = moderation_reason,
                                       moderation = 'hidden', moderation_reason = 'author blocked'
                    WHERE {whose} AND moderation IN ('published', 'held')
                    """, args, tx);
            return new BlockedContent(hidden - anonymous.Count, anonymous);
        }, ct);

    public Task<int> UnblockAsync(string tenantId, long memberId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var args = new { tenantId, memberId };
            c.Execute("UPDATE members SET blocked = 0 WHERE tenant_id = @tenantId AND id = @memberId", args, tx);
            var comments = c.Query<long>("""
                SELECT id FROM comments WHERE tenant_id = @tenantId AND author_id = @memberId AND moderation = 'hidden' AND before_block = 'published'
                """, args, tx).ToList();
            foreach (var comment in comments) MoveCommentCount(c, tx, tenantId, comment, wasPublic: false, isPublic: true);
            var restored = 0;
            foreach (var table in new[] { "comments", "ideas" })
                restored += c.Execute($"""
                    UPDATE {table} SET moderation = before_block, moderation_reason = before_block_reason, before_block = NULL, before_block_reason = NULL
                    WHERE tenant_id = @tenantId AND author_id = @memberId AND moderation = 'hidden' AND before_block IS NOT NULL
                    """, args, tx);
            return restored;
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
    internal static void MoveCommentCount(DbConnection c, DbTransaction tx, string tenantId, long commentId, bool wasPublic, bool isPublic)
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
