using Dapper;
using Engine.Core.Search;

namespace Engine.Data.Stores;

/// <summary>
/// Idea search. Dialect-specific, and each branch complete:
/// on SQLite it reads the FTS5 index (Migrations.SqliteIdeaSearch, kept in step by triggers) and ranks by BM25 with
/// titles weighted ten times bodies. On PostgreSQL it matches to_tsvector('english', title || ' ' || body), which the
/// GIN expression index of Migrations.PostgresIdeaSearch serves, and ranks with ts_rank on the title weighted A and the
/// body B, again ten to one. Both paths check the idea row itself (published, not merged, the tenant's, the challenges
/// asked for), so the index can never show more than the table.
/// </summary>
public sealed class IdeaSearch(Database db) : IIdeaSearch
{
    private const string Findable = "i.tenant_id = @tenantId AND i.moderation = 'published' AND i.merged_into IS NULL";

    /// <summary>What PostgreSQL matches on: must stay the expression Migrations.PostgresIdeaSearch indexes, or the index goes unused.</summary>
    public const string PgDocument = "to_tsvector('english', i.title || ' ' || i.body)";

    // Weights are {D, C, B, A}: a word in the title (A) counts ten times one in the body (B), as BM25's 10:1 does on SQLite.
    private const string PgRank =
        "ts_rank('{0, 0, 0.1, 1.0}', setweight(to_tsvector('english', i.title), 'A') || setweight(to_tsvector('english', i.body), 'B'), q.query)";

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
        var (query, pgArgs) = PgQuery(words, anyWord: false);
        pgArgs.AddDynamicParams(new { tenantId, challengeIds = challengeIds.ToArray(), skip, take });
        var pgFrom = $"FROM ideas i, (SELECT {query} AS query) q WHERE {Findable} AND i.challenge_id = ANY(@challengeIds) AND {PgDocument} @@ q.query";
        var count = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) {pgFrom}", pgArgs);
        var found = await c.QueryAsync<long>($"SELECT i.id {pgFrom} ORDER BY {PgRank} DESC, i.id DESC LIMIT @take OFFSET @skip", pgArgs);
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
        var (query, args) = PgQuery(words, anyWord: true);
        args.AddDynamicParams(new { tenantId, challengeId, take });
        return (await c.QueryAsync<long>($"""
            SELECT i.id FROM ideas i, (SELECT {query} AS query) q
            WHERE {Findable} AND i.challenge_id = @challengeId AND {PgDocument} @@ q.query
            ORDER BY {PgRank} DESC, i.id DESC LIMIT @take
            """, args)).ToList();
    }

    // PostgreSQL: each word goes through plainto_tsquery as a parameter, which reads its input as plain words and never
    // as query syntax (words hold only letters and digits anyway). All words: one plainto_tsquery, which ANDs them.
    // Any word: one per word, ORed with tsquery's ||. Words the English dictionary drops (stop words) match nothing.
    private static (string Query, DynamicParameters Args) PgQuery(IReadOnlyList<string> words, bool anyWord)
    {
        var args = new DynamicParameters();
        if (!anyWord)
        {
            args.Add("words", string.Join(' ', words));
            return ("plainto_tsquery('english', @words)", args);
        }
        var parts = new List<string>();
        for (var n = 0; n < words.Count; n++)
        {
            args.Add($"w{n}", words[n]);
            parts.Add($"plainto_tsquery('english', @w{n})");
        }
        return ("(" + string.Join(" || ", parts) + ")", args);
    }
}
