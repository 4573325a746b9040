using Dapper;
using Engine.Core.Search;

namespace Engine.Data.Stores;

/// <summary>
/// Idea search. Dialect-specific: on SQLite it reads the FTS5 index (Migrations.SqliteIdeaSearch, kept in step by
/// triggers) and ranks by BM25 with titles weighted ten times bodies. On PostgreSQL, until its tsvector index is in
/// place, it falls back to ILIKE on title and body (every word must appear; newest first), which is correct but
/// unranked and slower. Both paths also check the idea row itself, so the index can never show more than the table.
/// </summary>
public sealed class IdeaSearch(Database db) : IIdeaSearch
{
    private const string Findable = "i.tenant_id = @tenantId AND i.moderation = 'published' AND i.merged_into IS NULL";

    public async Task<SearchHits> SearchAsync(string tenantId, IReadOnlyList<string> words, IReadOnlyCollection<long> challengeIds, int skip, int take, CancellationToken ct = default)
    {
        if (words.Count == 0 || challengeIds.Count == 0) return new SearchHits([], 0);
        await using var c = db.OpenReader();
        if (db.Dialect == SqlDialect.Sqlite)
        {
            var args = new { tenantId, match = SearchText.Fts5Match(words, anyWord: false), challengeIds, skip, take };
            const string from = $"""
                FROM idea_search JOIN ideas i ON i.tenant_id = idea_search.tenant_id AND i.id = idea_search.idea_id
                WHERE idea_search MATCH @match AND idea_search.tenant_id = @tenantId AND i.challenge_id IN @challengeIds AND {Findable}
                """;
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) {from}", args);
            var ids = await c.QueryAsync<long>($"SELECT i.id {from} ORDER BY bm25(idea_search, 10.0, 1.0), i.id DESC LIMIT @take OFFSET @skip", args);
            return new SearchHits(ids.ToList(), (int)total);
        }
        var (where, likeArgs) = Like(words, all: true);
        likeArgs.AddDynamicParams(new { tenantId, challengeIds, skip, take });
        var count = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM ideas i WHERE {Findable} AND i.challenge_id IN @challengeIds AND ({where})", likeArgs);
        var found = await c.QueryAsync<long>($"SELECT i.id FROM ideas i WHERE {Findable} AND i.challenge_id IN @challengeIds AND ({where}) ORDER BY i.created_at DESC, i.id DESC LIMIT @take OFFSET @skip", likeArgs);
        return new SearchHits(found.ToList(), (int)count);
    }

    public async Task<IReadOnlyList<long>> SimilarAsync(string tenantId, long challengeId, IReadOnlyList<string> words, int take, CancellationToken ct = default)
    {
        if (words.Count == 0) return [];
        await using var c = db.OpenReader();
        if (db.Dialect == SqlDialect.Sqlite)
            return (await c.QueryAsync<long>($"""
                SELECT i.id FROM idea_search JOIN ideas i ON i.tenant_id = idea_search.tenant_id AND i.id = idea_search.idea_id
                WHERE idea_search MATCH @match AND idea_search.tenant_id = @tenantId AND i.challenge_id = @challengeId AND {Findable}
                ORDER BY bm25(idea_search, 10.0, 1.0), i.id DESC LIMIT @take
                """, new { tenantId, challengeId, take, match = SearchText.Fts5Match(words, anyWord: true) })).ToList();
        var (where, args) = Like(words, all: false);
        args.AddDynamicParams(new { tenantId, challengeId, take });
        return (await c.QueryAsync<long>($"SELECT i.id FROM ideas i WHERE {Findable} AND i.challenge_id = @challengeId AND ({where}) ORDER BY i.created_at DESC, i.id DESC LIMIT @take", args)).ToList();
    }

    // PostgreSQL fallback: each word as an escaped ILIKE pattern on title or body.
    private static (string Where, DynamicParameters Args) Like(IReadOnlyList<string> words, bool all)
    {
        var args = new DynamicParameters();
        var clauses = new List<string>();
        for (var n = 0; n < words.Count; n++)
        {
            args.Add($"w{n}", SearchText.LikePattern(words[n]));
            clauses.Add($"(i.title ILIKE @w{n} ESCAPE '\\' OR i.body ILIKE @w{n} ESCAPE '\\')");
        }
        return (string.Join(all ? " AND " : " OR ", clauses), args);
    }
}
