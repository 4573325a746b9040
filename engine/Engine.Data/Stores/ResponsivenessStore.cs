using Dapper;
using Engine.Core.Administration;
using Engine.Core.Events;
using Engine.Core.Ideas;
using Engine.Data.Events;
using Engine.Sdk;

namespace Engine.Data.Stores;

/// <summary>
/// An idea is answered by a top-level official comment on it; a top-level comment by an official
/// reply to it. (A reply to someone's comment answers that comment, not the idea.) A merged duplicate, and the
/// comments on it, wait for nothing: they take no more comments, and the kept idea is the one to answer.
/// </summary>
public sealed class ResponsivenessStore(Database db, IEventSubscribers? events = null) : IResponsivenessStore
{
    public async Task<IReadOnlyList<Unanswered>> UnansweredAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(string Kind, long Id, long IdeaId, string Slug, string Text, long CreatedAt, long? AssignedTo, string? AssignedName)>("""
            SELECT 'idea', i.id, i.id, ch.slug, i.title, i.created_at, i.assigned_to, m.display_name
            FROM ideas i
            JOIN challenges ch ON ch.tenant_id = i.tenant_id AND ch.id = i.challenge_id
            LEFT JOIN members m ON m.tenant_id = i.tenant_id AND m.id = i.assigned_to
            WHERE i.tenant_id = @tenantId AND i.moderation = 'published' AND i.merged_into IS NULL
              AND NOT EXISTS (SELECT 1 FROM comments k WHERE k.tenant_id = i.tenant_id AND k.idea_id = i.id AND k.parent_id IS NULL AND k.official = 1 AND k.moderation = 'published')
            UNION ALL
            SELECT 'comment', k.id, k.idea_id, ch.slug, k.body, k.created_at, k.assigned_to, m.display_name
            FROM comments k
            JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
            JOIN challenges ch ON ch.tenant_id = i.tenant_id AND ch.id = i.challenge_id
            LEFT JOIN members m ON m.tenant_id = k.tenant_id AND m.id = k.assigned_to
            WHERE k.tenant_id = @tenantId AND k.moderation = 'published' AND k.official = 0 AND k.parent_id IS NULL AND i.merged_into IS NULL
              AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.tenant_id = k.tenant_id AND r.parent_id = k.id AND r.official = 1 AND r.moderation = 'published')
            ORDER BY 6, 2
            """, new { tenantId });
        return rows.Select(r => new Unanswered(r.Kind == "idea" ? ContributionKind.Idea : ContributionKind.Comment, r.Id, r.IdeaId, r.Slug,
            r.Text, Time.FromUnixMs(r.CreatedAt), r.AssignedTo, r.AssignedName)).ToList();
    }

    public async Task<IReadOnlyList<(string ChallengeSlug, double? Hours)>> ResponseDelaysAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(string Slug, long CreatedAt, long? AnsweredAt, long Merged)>("""
            SELECT ch.slug, i.created_at,
                   (SELECT MIN(k.created_at) FROM comments k WHERE k.tenant_id = i.tenant_id AND k.idea_id = i.id AND k.parent_id IS NULL AND k.official = 1 AND k.moderation = 'published'),
                   CASE WHEN i.merged_into IS NULL THEN 0 ELSE 1 END
            FROM ideas i JOIN challenges ch ON ch.tenant_id = i.tenant_id AND ch.id = i.challenge_id
            WHERE i.tenant_id = @tenantId AND i.moderation = 'published'
            UNION ALL
            SELECT ch.slug, k.created_at,
                   (SELECT MIN(r.created_at) FROM comments r WHERE r.tenant_id = k.tenant_id AND r.parent_id = k.id AND r.official = 1 AND r.moderation = 'published'),
                   CASE WHEN i.merged_into IS NULL THEN 0 ELSE 1 END
            FROM comments k
            JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
            JOIN challenges ch ON ch.tenant_id = i.tenant_id AND ch.id = i.challenge_id
            WHERE k.tenant_id = @tenantId AND k.moderation = 'published' AND k.official = 0 AND k.parent_id IS NULL
            """, new { tenantId });
        // A merged duplicate (and what was said on it) is answered where it went, so it no longer waits; an answer it
        // got before the merge still counts in how quickly the team answered.
        return rows.Where(r => r.Merged == 0 || r.AnsweredAt is not null)
            .Select(r => (r.Slug, r.AnsweredAt is { } a ? (a - r.CreatedAt) / 3_600_000.0 : (double?)null)).ToList();
    }

    public Task<bool> AssignAsync(string tenantId, ContributionKind kind, long id, long? memberId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute($"UPDATE {(kind == ContributionKind.Idea ? "ideas" : "comments")} SET assigned_to = @memberId WHERE tenant_id = @tenantId AND id = @id",
            new { tenantId, id, memberId }, tx) == 1, ct);

    public Task<bool> SetStatusAsync(string tenantId, long ideaId, IdeaStatus status, string? note, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var changed = c.Execute("""
                UPDATE ideas SET status = @status, status_note = @note, status_changed_at = @now WHERE tenant_id = @tenantId AND id = @ideaId
                """, new { tenantId, ideaId, status = status.ToString().ToLowerInvariant(), note, now = now.ToUnixMs() }, tx) == 1;
            if (changed && events.Wanted(tenantId))
                Outbox.Record(c, tx, tenantId, Outbox.IdeaStream(ideaId), EventKinds.StatusChanged,
                    Outbox.Idea(c, tx, tenantId, ideaId) with { Status = status.Key(), Note = note }, now);
            return changed;
        }, ct);
}
