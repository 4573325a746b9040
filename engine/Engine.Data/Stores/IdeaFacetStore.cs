using Dapper;
using Engine.Core.IdeaForms;

namespace Engine.Data.Stores;

public sealed class IdeaFacetStore(Database db) : IIdeaFacetStore
{
    public async Task<IReadOnlyList<IdeaFacets>> ForChallengeAsync(string tenantId, long challengeId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<Row>("""
            SELECT i.id, i.status, i.author_id, i.author_key, i.anonymous, i.category, i.answers, o.idea_id AS responded
            FROM ideas i
            -- A joined column, not a computed one: SQLite reports no type for an expression, which Dapper cannot map.
            LEFT JOIN (SELECT DISTINCT idea_id FROM comments WHERE tenant_id = @tenantId AND official = 1 AND moderation = 'published') o ON o.idea_id = i.id
            WHERE i.tenant_id = @tenantId AND i.challenge_id = @challengeId AND i.moderation = 'published' AND i.merged_into IS NULL
            """, new { tenantId, challengeId });
        return rows.Select(r => r.ToFacets()).ToList();
    }

    private sealed record Row(long Id, string Status, long? AuthorId, string? AuthorKey, long Anonymous, string? Category, string? Answers, long? Responded)
    {
        // An imported idea has neither a member nor a key: it counts as a person of its own.
        public IdeaFacets ToFacets() => new(Id, StatusNames.Parse(Status), AuthorId is { } m ? $"m{m}" : AuthorKey is { } k ? $"k{k}" : $"i{Id}",
            Anonymous != 0, Responded is not null, StoredAnswers.Read(Category, Answers));
    }
}
