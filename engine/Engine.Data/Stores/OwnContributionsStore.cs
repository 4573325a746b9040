using Dapper;
using Engine.Core.Moderation;
using Engine.Sdk;

namespace Engine.Data.Stores;

public sealed class OwnContributionsStore(Database db) : IOwnContributionsStore
{
    public async Task<IReadOnlyList<OwnContribution>> ListAsync(string tenantId, long memberId, string authorKey, int limit, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<Row>("""
            SELECT 'idea' AS Kind, i.id AS Id, i.id AS IdeaId, i.title AS IdeaTitle, i.moderation = 'published' AS IdeaPublic, i.body AS Body,
                   i.moderation AS Moderation, i.moderation_reason AS Reason, i.anonymous AS Anonymous, i.author_id IS NULL AS FullyAnonymous,
                   i.before_block IS NOT NULL AS ByBlock, i.created_at AS CreatedAt
            FROM ideas i
            WHERE i.tenant_id = @tenantId AND (i.author_id = @memberId OR i.author_key = @authorKey)
            UNION ALL
            SELECT 'comment', k.id, k.idea_id, i.title, i.moderation = 'published', k.body,
                   k.moderation, k.moderation_reason, k.anonymous, k.author_id IS NULL,
                   k.before_block IS NOT NULL, k.created_at
            FROM comments k JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
            WHERE k.tenant_id = @tenantId AND (k.author_id = @memberId OR k.author_key = @authorKey)
            ORDER BY 12 DESC, 2 DESC
            LIMIT @limit
            """, new { tenantId, memberId, authorKey, limit });
        return rows.Select(r => new OwnContribution(r.Kind == "idea" ? ContributionKind.Idea : ContributionKind.Comment, r.Id, r.IdeaId, r.IdeaTitle,
            r.IdeaPublic != 0, r.Body, Enum.Parse<ModerationState>(r.Moderation, ignoreCase: true), r.Reason, r.Anonymous != 0, r.FullyAnonymous != 0,
            r.ByBlock != 0, Time.FromUnixMs(r.CreatedAt))).ToList();
    }

    private sealed class Row
    {
        public string Kind { get; set; } = "";
        public long Id { get; set; }
        public long IdeaId { get; set; }
        public string IdeaTitle { get; set; } = "";
        public long IdeaPublic { get; set; }
        public string Body { get; set; } = "";
        public string Moderation { get; set; } = "";
        public string? Reason { get; set; }
        public long Anonymous { get; set; }
        public long FullyAnonymous { get; set; }
        public long ByBlock { get; set; }
        public long CreatedAt { get; set; }
    }
}
