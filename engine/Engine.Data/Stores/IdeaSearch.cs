using Dapper;
using Engine.Core.Search;

namespace Engine.Data.Stores;

/// <summary>
/// Idea search. Dialect-specific, and each branch complete:
/// on SQLite it reads the FTS5 index (Migrations.SqliteIdeaSearch and SqliteSearchScope, kept in step by triggers), which
/// matches the site and challenges itself (its scope column), and ranks by BM25 with titles weighted ten times bodies. On PostgreSQL it matches to_tsvector('english', title || ' ' || body), which the
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
            var match = Scoped(Fts5Match(terms, anyWord: false), tenantId, challengeIds);
            var total = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idea_search WHERE idea_search MATCH @match", new { match });
            var ids = await c.QueryAsync<long>(Ranked, new { tenantId, match, challengeIds, skip, take });
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
            return (await c.QueryAsync<long>(Ranked, new { tenantId, challengeIds = new[] { challengeId },
                match = Scoped(Fts5Match(terms, anyWord: true), tenantId, [challengeId]), skip = 0, take })).ToList();
        var (query, args) = PgQuery(terms, anyWord: true);
        args.AddDynamicParams(new { tenantId, challengeId, take });
        return (await c.QueryAsync<long>($"""
            SELECT i.id FROM ideas i, (SELECT {query} AS query) q
            WHERE {Findable} AND i.challenge_id = @challengeId AND {PgDocument} @@ q.query
            ORDER BY {PgRank} DESC, i.id DESC LIMIT @take
            """, args)).ToList();
    }

    /// <summary>
    /// SQLite: the page of hits, ranked inside FTS5 on the index alone (BM25, a title word ten times a body word, the scope
    /// nothing; ties newest indexed first), then only that page's rows read back and checked against the ideas table. At
    /// 160,000 ideas, reading every match's rows to check them cost more than the search itself (bench/analysis.md).
    /// </summary>
    private const string Ranked = $"""
        SELECT i.id FROM (
            SELECT rowid AS hit, bm25(idea_search, 10.0, 1.0, 0.0) AS score FROM idea_search WHERE idea_search MATCH @match
            ORDER BY score, rowid DESC LIMIT @take OFFSET @skip) ranked
        JOIN idea_search s ON s.rowid = ranked.hit
        JOIN ideas i ON i.tenant_id = s.tenant_id AND i.id = s.idea_id
        WHERE i.tenant_id = @tenantId AND i.challenge_id IN @challengeIds AND {Findable}
        ORDER BY ranked.score, ranked.hit DESC
        """;

    /// <summary>The token that the index's <c>scope</c> column holds for an idea of this site and challenge (Migrations.SqliteSearchScope).</summary>
    public static string ScopeToken(string tenantId, long challengeId) =>
        "x" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(tenantId)) + "c" + challengeId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The words matched in the title and body only, and the site's challenges asked for matched in the scope.</summary>
    private static string Scoped(string words, string tenantId, IEnumerable<long> challengeIds) =>
        $"{{title body}} : ({words}) AND scope : ({string.Join(" OR ", challengeIds.Select(id => "\"" + ScopeToken(tenantId, id) + "\""))})";

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
