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
            var args = new { tenantId, challengeIds, match = Fts5Match(terms, anyWord: false), skip, take };
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM idea_search WHERE {InScope}", args);
            var ids = await c.QueryAsync<long>(Ranked, args);
            return new SearchHits(ids.ToList(), (int)total);
        }
        var (query, pgArgs) = PgQuery(terms, anyWord: false);
        pgArgs.AddDynamicParams(new { tenantId, challengeIds = challengeIds.ToArray(), skip, take });
        var pgFrom = $"FROM ideas i, (SELECT {query} AS query) q WHERE {Findable} AND i.challenge_id = ANY(@challengeIds) AND i.search_words @@ q.query";
        var count = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) {pgFrom}", pgArgs);
        var found = await c.QueryAsync<long>($"SELECT i.id {pgFrom} ORDER BY {PgRank} DESC, i.id DESC LIMIT @take OFFSET @skip", pgArgs);
        return new SearchHits(found.ToList(), (int)count);
    }

    /// <summary>
    /// Ideas sharing at least two of the words first, then (to make up <paramref name="take"/>) any one: an idea with one
    /// word in common is rarely the one meant, and asking for two first keeps the matches few (at 160,000 ideas a title's
    /// words ORed matched 18,000, all ranked on every keystroke; pairs of them a few hundred).
    /// </summary>
    public async Task<IReadOnlyList<long>> SimilarAsync(string tenantId, long challengeId, IReadOnlyList<string> words, int take,
        string? language = null, CancellationToken ct = default)
    {
        var terms = SearchLanguage.Terms(language, words);
        if (terms.Count == 0) return [];
        await using var c = db.OpenReader();
        var found = terms.Count > 1 ? await SimilarAsync(c, tenantId, challengeId, terms, twoWords: true, take) : [];
        if (found.Count < take)
            found = found.Concat(await SimilarAsync(c, tenantId, challengeId, terms, twoWords: false, take)).Distinct().Take(take).ToList();
        return found;
    }

    private async Task<List<long>> SimilarAsync(System.Data.Common.DbConnection c, string tenantId, long challengeId,
        IReadOnlyList<IReadOnlyList<string>> terms, bool twoWords, int take)
    {
        if (db.Dialect == SqlDialect.Sqlite)
        {
            var match = twoWords ? string.Join(" OR ", Pairs(terms, (a, b) => $"({Fts5Any(a)} AND {Fts5Any(b)})")) : Fts5Match(terms, anyWord: true);
            return (await c.QueryAsync<long>(Ranked, new { tenantId, challengeIds = new[] { challengeId }, match, skip = 0, take })).ToList();
        }
        var (query, args) = twoWords ? PgPairs(terms) : PgQuery(terms, anyWord: true);
        args.AddDynamicParams(new { tenantId, challengeId, take });
        return (await c.QueryAsync<long>($"""
            SELECT i.id FROM ideas i, (SELECT {query} AS query) q
            WHERE {Findable} AND i.challenge_id = @challengeId AND i.search_words @@ q.query
            ORDER BY {PgRank} DESC, i.id DESC LIMIT @take
            """, args)).ToList();
    }

    private static IEnumerable<string> Pairs(IReadOnlyList<IReadOnlyList<string>> terms, Func<IReadOnlyList<string>, IReadOnlyList<string>, string> pair) =>
        terms.SelectMany((a, i) => terms.Skip(i + 1).Select(b => pair(a, b)));

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
    private static string Fts5Match(IReadOnlyList<IReadOnlyList<string>> terms, bool anyWord) =>
        anyWord ? SearchText.Fts5Match(terms.SelectMany(t => t).ToList(), anyWord: true)
            : string.Join(" AND ", terms.Select(Fts5Any));

    private static string Fts5Any(IReadOnlyList<string> forms) =>
        forms.Count == 1 ? SearchText.Fts5Match(forms, anyWord: false) : "(" + SearchText.Fts5Match(forms, anyWord: true) + ")";

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
        return anyWord ? (PgAnyOf(terms.SelectMany(t => t), args), args) : ("(" + string.Join(" && ", terms.Select(t => PgAnyOf(t, args))) + ")", args);
    }

    // PostgreSQL: ideas with at least two of the words, as (a && b) || (a && c) || ..., each word any of its forms.
    private static (string Query, DynamicParameters Args) PgPairs(IReadOnlyList<IReadOnlyList<string>> terms)
    {
        var args = new DynamicParameters();
        return ("(" + string.Join(" || ", Pairs(terms, (a, b) => $"({PgAnyOf(a, args)} && {PgAnyOf(b, args)})")) + ")", args);
    }

    // Any of the forms, each a parameter of its own (w0, w1, ...) read by plainto_tsquery.
    private static string PgAnyOf(IEnumerable<string> forms, DynamicParameters args) => "(" + string.Join(" || ", forms.Select(form =>
    {
        var name = "w" + args.ParameterNames.Count();
        args.Add(name, form);
        return $"plainto_tsquery('english', @{name})";
    })) + ")";
}
