using Dapper;
using Engine.Core.Search;

namespace Engine.Data.Stores;

/// <summary>
/// Idea search. Dialect-specific, and each branch complete:
/// on SQLite it reads the FTS5 index (kept in step by triggers; Migrations.SqliteSearchRanges), where each site's challenge
/// is a range of rowids, so the match keeps to the challenges asked for itself, and ranks by BM25 with titles weighted ten
/// times bodies. On PostgreSQL it matches ideas.search_words, a stored tsvector with the title weighted A and the body B
/// (Migrations.PostgresSearchWords), which a GIN index serves, and ranks it with ts_rank, again ten to one. An idea in a
/// language with rules of its own (Welsh) is indexed in its matching form (ideas.title_words and body_words, written with
/// the idea: <see cref="SearchLanguage.IndexForm"/>) in place of its text, and a query on such a page looks for any form
/// of each word, so nothing is worked out per row. Both paths check the idea row itself (published, not merged, the
/// tenant's, the challenges asked for), so the index can never show more than the table.
/// </summary>
public sealed class IdeaSearch(Database db) : IIdeaSearch
{
    /// <summary>ideas.title_words and body_words for an idea in <paramref name="language"/>: null, null where the text is indexed as written.</summary>
    internal static object IndexedWords(string? language, string title, string body) =>
        new { titleWords = SearchLanguage.IndexForm(language, title), bodyWords = SearchLanguage.IndexForm(language, body) };

    private const string Findable = "i.tenant_id = @tenantId AND i.moderation = 'published' AND i.merged_into IS NULL";

    // Weights are {D, C, B, A}: a word in the title (A) counts ten times one in the body (B), as BM25's 10:1 does on SQLite.
    // search_words is stored weighted (Migrations.PostgresSearchWords), so ranking parses no text.
    private const string PgRank = "ts_rank('{0, 0, 0.1, 1.0}', i.search_words, q.query)";

    public async Task<SearchHits> SearchAsync(string tenantId, IReadOnlyList<string> words, IReadOnlyCollection<long> challengeIds, int skip, int take,
        string? language = null, CancellationToken ct = default)
    {
        var terms = SearchLanguage.Terms(language, words);
        if (terms.Count == 0 || challengeIds.Count == 0) return new SearchHits([], 0);
        await using var c = db.OpenReader();
        if (db.Dialect == SqlDialect.Sqlite)
        {
            var args = new { tenantId, challengeIds, match = Fts5Match(terms), skip, take };
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM idea_search WHERE {InScope}", args);
            var ids = await c.QueryAsync<long>(Ranked, args);
            return new SearchHits(ids.ToList(), (int)total);
        }
        var (query, pgArgs) = PgQuery(terms);
        pgArgs.AddDynamicParams(new { tenantId, challengeIds = challengeIds.ToArray(), skip, take });
        var pgFrom = $"FROM ideas i, (SELECT {query} AS query) q WHERE {Findable} AND i.challenge_id = ANY(@challengeIds) AND i.search_words @@ q.query";
        var count = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) {pgFrom}", pgArgs);
        var found = await c.QueryAsync<long>($"SELECT i.id {pgFrom} ORDER BY {PgRank} DESC, i.id DESC LIMIT @take OFFSET @skip", pgArgs);
        return new SearchHits(found.ToList(), (int)count);
    }

    /// <summary>
    /// Ideas sharing all the words first, then all but one, and so on down to any one, each tier ranked (BM25 or ts_rank) and
    /// cut at the page inside the ranking, stopping as soon as <paramref name="take"/> are found. The idea a person is about
    /// to repeat shares most of the title's words, so it is in the first tier, and a tier of many words is a match of few
    /// ideas: ranking every idea sharing any two of four words read thousands of matches per keystroke at 160,000 ideas
    /// (bench/analysis.md, "Similar ideas while typing"). The wider tiers run only when the narrower found too few.
    /// </summary>
    public async Task<IReadOnlyList<long>> SimilarAsync(string tenantId, long challengeId, IReadOnlyList<string> words, int take,
        string? language = null, CancellationToken ct = default)
    {
        var terms = SearchLanguage.Terms(language, words);
        if (terms.Count == 0 || take <= 0) return [];
        await using var c = db.OpenReader();
        var found = new List<long>(take);
        for (var shared = terms.Count; shared >= 1 && found.Count < take; shared--)
        {
            // A wider tier holds the narrower's ideas too: ask for as many more as were found, so the new ones make up the page.
            var tier = await SimilarAsync(c, tenantId, challengeId, Sets(terms, shared).ToList(), take + found.Count);
            found.AddRange(tier.Except(found).Take(take - found.Count));
        }
        return found;
    }

    private async Task<List<long>> SimilarAsync(System.Data.Common.DbConnection c, string tenantId, long challengeId,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> sets, int take)
    {
        if (db.Dialect == SqlDialect.Sqlite)
        {
            var match = string.Join(" OR ", sets.Select(set => "(" + string.Join(" AND ", set.Select(Fts5Any)) + ")"));
            return (await c.QueryAsync<long>(Ranked, new { tenantId, challengeIds = new[] { challengeId }, match, skip = 0, take })).ToList();
        }
        var args = new DynamicParameters();
        var query = "(" + string.Join(" || ", sets.Select(set => "(" + string.Join(" && ", set.Select(t => PgAnyOf(t, args))) + ")")) + ")";
        args.AddDynamicParams(new { tenantId, challengeId, take });
        return (await c.QueryAsync<long>($"""
            SELECT i.id FROM ideas i, (SELECT {query} AS query) q
            WHERE {Findable} AND i.challenge_id = @challengeId AND i.search_words @@ q.query
            ORDER BY {PgRank} DESC, i.id DESC LIMIT @take
            """, args)).ToList();
    }

    /// <summary>Every choice of <paramref name="size"/> of the terms, in their order: each an idea must hold all of to be in the tier.</summary>
    internal static IEnumerable<IReadOnlyList<T>> Sets<T>(IReadOnlyList<T> terms, int size)
    {
        if (size == 0) { yield return []; yield break; }
        for (var first = 0; first <= terms.Count - size; first++)
            foreach (var rest in Sets(terms.Skip(first + 1).ToList(), size - 1))
                yield return [terms[first], .. rest];
    }

    /// <summary>
    /// SQLite: the matches in the site's challenges asked for. Each challenge of a site is a range of the index's rowids
    /// (Migrations.SqliteSearchRanges): FTS5 seeks to the range from the lowest to the highest asked for, and the scope in
    /// each rowid's top half is checked against the ones asked for without reading the row.
    /// </summary>
    private const string InScope = $"""
        idea_search MATCH @match
            AND rowid >= (SELECT min(scope) << 32 FROM idea_search_scopes WHERE {Scopes})
            AND rowid < (SELECT (max(scope) + 1) << 32 FROM idea_search_scopes WHERE {Scopes})
            AND (rowid >> 32) IN (SELECT scope FROM idea_search_scopes WHERE {Scopes})
        """;

    private const string Scopes = "tenant_id = @tenantId AND challenge_id IN @challengeIds";

    /// <summary>
    /// SQLite: the page of hits, ranked inside FTS5 on the index alone (BM25, a title word ten times a body word; ties
    /// newest first within a challenge), then only that page's rows read back and checked against the ideas table. At
    /// 160,000 ideas, reading every match's rows to check them cost more than the search itself (bench/analysis.md).
    /// </summary>
    private const string Ranked = $"""
        SELECT i.id FROM (
            SELECT rowid AS hit, bm25(idea_search, 10.0, 1.0) AS score FROM idea_search WHERE {InScope}
            ORDER BY score, rowid DESC LIMIT @take OFFSET @skip) ranked
        JOIN idea_search s ON s.rowid = ranked.hit
        JOIN ideas i ON i.tenant_id = s.tenant_id AND i.id = s.idea_id
        WHERE i.tenant_id = @tenantId AND i.challenge_id IN @challengeIds AND {Findable}
        ORDER BY ranked.score, ranked.hit DESC
        """;

    // SQLite: a term with several forms (Welsh) is any of them, in brackets; a term with one form is exactly as before.
    private static string Fts5Match(IReadOnlyList<IReadOnlyList<string>> terms) => string.Join(" AND ", terms.Select(Fts5Any));

    private static string Fts5Any(IReadOnlyList<string> forms) =>
        forms.Count == 1 ? SearchText.Fts5Match(forms, anyWord: false) : "(" + SearchText.Fts5Match(forms, anyWord: true) + ")";

    // PostgreSQL: each word goes through plainto_tsquery as a parameter, which reads its input as plain words and never
    // as query syntax (words hold only letters and digits anyway). All words, one form each: one plainto_tsquery, which
    // ANDs them. A word with several forms (Welsh): its forms ORed with tsquery's ||, ANDed with the other words' (&&).
    // Words the English dictionary drops (stop words) match nothing.
    private static (string Query, DynamicParameters Args) PgQuery(IReadOnlyList<IReadOnlyList<string>> terms)
    {
        var args = new DynamicParameters();
        if (terms.All(t => t.Count == 1))
        {
            args.Add("words", string.Join(' ', terms.Select(t => t[0])));
            return ("plainto_tsquery('english', @words)", args);
        }
        return ("(" + string.Join(" && ", terms.Select(t => PgAnyOf(t, args))) + ")", args);
    }

    // Any of the forms, each a parameter of its own (w0, w1, ...) read by plainto_tsquery.
    private static string PgAnyOf(IEnumerable<string> forms, DynamicParameters args) => "(" + string.Join(" || ", forms.Select(form =>
    {
        var name = "w" + args.ParameterNames.Count();
        args.Add(name, form);
        return $"plainto_tsquery('english', @{name})";
    })) + ")";
}
