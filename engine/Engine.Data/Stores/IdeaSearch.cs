using Dapper;
using Engine.Core.Search;

namespace Engine.Data.Stores;

/// <summary>
/// Idea search. Dialect-specific, and each branch complete:
/// on SQLite it reads the FTS5 index (Migrations.SqliteIdeaSearch, kept in step by triggers) and ranks by BM25 with
/// titles weighted ten times bodies. On PostgreSQL it matches to_tsvector('english', title || ' ' || body), which the
/// GIN expression index of Migrations.PostgresIdeaSearch serves, and ranks with ts_rank on the title weighted A and the
/// body B, again ten to one. An idea in a language with rules of its own (Welsh) is indexed in its matching form
/// (ideas.title_words and body_words, written with the idea: <see cref="SearchLanguage.IndexForm"/>) in place of its text,
/// and a query on such a page looks for any form of each word, so nothing is worked out per row. Both paths check the idea row itself (published, not merged, the tenant's, the challenges
/// asked for), so the index can never show more than the table.
/// </summary>
public sealed class IdeaSearch(Database db) : IIdeaSearch
{
    /// <summary>ideas.title_words and body_words for an idea in <paramref name="language"/>: null, null where the text is indexed as written.</summary>
    internal static object IndexedWords(string? language, string title, string body) =>
        new { titleWords = SearchLanguage.IndexForm(language, title), bodyWords = SearchLanguage.IndexForm(language, body) };

    private const string Findable = "i.tenant_id = @tenantId AND i.moderation = 'published' AND i.merged_into IS NULL";

    /// <summary>What PostgreSQL matches on: must stay the expression Migrations.PostgresIdeaSearch indexes, or the index goes unused.</summary>
    public const string PgDocument = "to_tsvector('english', COALESCE(i.title_words, i.title) || ' ' || COALESCE(i.body_words, i.body))";

    // Weights are {D, C, B, A}: a word in the title (A) counts ten times one in the body (B), as BM25's 10:1 does on SQLite.
    private const string PgRank =
        "ts_rank('{0, 0, 0.1, 1.0}', setweight(to_tsvector('english', COALESCE(i.title_words, i.title)), 'A') || setweight(to_tsvector('english', COALESCE(i.body_words, i.body)), 'B'), q.query)";

    public async Task<SearchHits> SearchAsync(string tenantId, IReadOnlyList<string> words, IReadOnlyCollection<long> challengeIds, int skip, int take,
        string? language = null, CancellationToken ct = default)
    {
        var terms = SearchLanguage.Terms(language, words);
        if (terms.Count == 0 || challengeIds.Count == 0) return new SearchHits([], 0);
        await using var c = db.OpenReader();
        if (db.Dialect == SqlDialect.Sqlite)
        {
            var args = new { tenantId, match = Fts5Match(terms, anyWord: false), challengeIds, skip, take };
            const string from = $"""
                FROM idea_search JOIN ideas i ON i.tenant_id = idea_search.tenant_id AND i.id = idea_search.idea_id
                WHERE idea_search MATCH @match AND idea_search.tenant_id = @tenantId AND i.challenge_id IN @challengeIds AND {Findable}
                """;
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) {from}", args);
            var ids = await c.QueryAsync<long>($"SELECT i.id {from} ORDER BY bm25(idea_search, 10.0, 1.0), i.id DESC LIMIT @take OFFSET @skip", args);
            return new SearchHits(ids.ToList(), (int)total);
        }
        var (query, pgArgs) = PgQuery(terms, anyWord: false);
        pgArgs.AddDynamicParams(new { tenantId, challengeIds = challengeIds.ToArray(), skip, take });
        var pgFrom = $"FROM ideas i, (SELECT {query} AS query) q WHERE {Findable} AND i.challenge_id = ANY(@challengeIds) AND {PgDocument} @@ q.query";
        var count = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) {pgFrom}", pgArgs);
        var found = await c.QueryAsync<long>($"SELECT i.id {pgFrom} ORDER BY {PgRank} DESC, i.id DESC LIMIT @take OFFSET @skip", pgArgs);
        return new SearchHits(found.ToList(), (int)count);
    }

    public async Task<IReadOnlyList<long>> SimilarAsync(string tenantId, long challengeId, IReadOnlyList<string> words, int take,
        string? language = null, CancellationToken ct = default)
    {
        var terms = SearchLanguage.Terms(language, words);
        if (terms.Count == 0) return [];
        await using var c = db.OpenReader();
        if (db.Dialect == SqlDialect.Sqlite)
            return (await c.QueryAsync<long>($"""
                SELECT i.id FROM idea_search JOIN ideas i ON i.tenant_id = idea_search.tenant_id AND i.id = idea_search.idea_id
                WHERE idea_search MATCH @match AND idea_search.tenant_id = @tenantId AND i.challenge_id = @challengeId AND {Findable}
                ORDER BY bm25(idea_search, 10.0, 1.0), i.id DESC LIMIT @take
                """, new { tenantId, challengeId, take, match = Fts5Match(terms, anyWord: true) })).ToList();
        var (query, args) = PgQuery(terms, anyWord: true);
        args.AddDynamicParams(new { tenantId, challengeId, take });
        return (await c.QueryAsync<long>($"""
            SELECT i.id FROM ideas i, (SELECT {query} AS query) q
            WHERE {Findable} AND i.challenge_id = @challengeId AND {PgDocument} @@ q.query
            ORDER BY {PgRank} DESC, i.id DESC LIMIT @take
            """, args)).ToList();
    }

    // SQLite: a term with several forms (Welsh) is any of them, in brackets; a term with one form is exactly as before.
    private static string Fts5Match(IReadOnlyList<IReadOnlyList<string>> terms, bool anyWord) =>
        anyWord ? SearchText.Fts5Match(terms.SelectMany(t => t).ToList(), anyWord: true)
            : string.Join(" AND ", terms.Select(t => t.Count == 1 ? SearchText.Fts5Match(t, anyWord: false) : "(" + SearchText.Fts5Match(t, anyWord: true) + ")"));

    // PostgreSQL: each word goes through plainto_tsquery as a parameter, which reads its input as plain words and never
    // as query syntax (words hold only letters and digits anyway). All words, one form each: one plainto_tsquery, which
    // ANDs them. A word with several forms (Welsh): its forms ORed with tsquery's ||, ANDed with the other words' (&&).
    // Any word: one per form, ORed. Words the English dictionary drops (stop words) match nothing.
    private static (string Query, DynamicParameters Args) PgQuery(IReadOnlyList<IReadOnlyList<string>> terms, bool anyWord)
    {
        var args = new DynamicParameters();
        if (!anyWord && terms.All(t => t.Count == 1))
        {
            args.Add("words", string.Join(' ', terms.Select(t => t[0])));
            return ("plainto_tsquery('english', @words)", args);
        }
        var n = 0;
        string AnyOf(IEnumerable<string> forms) => "(" + string.Join(" || ", forms.Select(form =>
        {
            args.Add($"w{n}", form);
            return $"plainto_tsquery('english', @w{n++})";
        })) + ")";
        return anyWord ? (AnyOf(terms.SelectMany(t => t)), args) : ("(" + string.Join(" && ", terms.Select(AnyOf)) + ")", args);
    }
}
