using System.Globalization;
using System.Text;
using Dapper;
using Engine.Core.BigIdeas.Suggestions;

namespace Engine.Data.Stores;

public sealed class ThemeSuggestionStore(Database db) : IThemeSuggestionStore
{
    public async Task<int> TextCountAsync(string tenantId, long challengeId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (int)await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM ideas
            WHERE tenant_id = @tenantId AND challenge_id = @challengeId AND moderation = 'published' AND merged_into IS NULL
            """, new { tenantId, challengeId });
    }

    public IEnumerable<IReadOnlyList<ThemeText>> Texts(string tenantId, long challengeId, int batchSize, CancellationToken ct = default)
    {
        for (var after = 0L; ; )
        {
            ct.ThrowIfCancellationRequested();
            IReadOnlyList<ThemeText> batch;
            // A connection per batch: a long run never holds a reader (or a PostgreSQL snapshot) from its first batch to its last.
            using (var c = db.OpenReader())
            {
                var ideas = c.Query<(long Id, string Title, string Body, string? Language)>("""
                    SELECT id, title, body, language FROM ideas
                    WHERE tenant_id = @tenantId AND challenge_id = @challengeId AND moderation = 'published' AND merged_into IS NULL AND id > @after
                    ORDER BY id LIMIT @batchSize
                    """, new { tenantId, challengeId, after, batchSize }).ToList();
                if (ideas.Count == 0) yield break;
                var text = ideas.ToDictionary(i => i.Id, i => new StringBuilder(i.Title).Append('\n').Append(i.Body));
                // Comments stream onto their idea's text, so a batch never holds its comments twice.
                foreach (var comment in c.Query<(long IdeaId, string Body)>("""
                    SELECT m.idea_id, m.body FROM comments m JOIN ideas i ON i.tenant_id = m.tenant_id AND i.id = m.idea_id
                    WHERE m.tenant_id = @tenantId AND m.idea_id BETWEEN @first AND @last AND i.challenge_id = @challengeId AND m.moderation = 'published'
                    ORDER BY m.id
                    """, new { tenantId, challengeId, first = ideas[0].Id, last = ideas[^1].Id }, buffered: false))
                    if (text.TryGetValue(comment.IdeaId, out var idea)) idea.Append('\n').Append(comment.Body);
                batch = ideas.Select(i => new ThemeText(i.Id, text[i.Id].ToString(), i.Language)).ToList();
                after = ideas[^1].Id;
            }
            yield return batch;
            if (batch.Count < batchSize) yield break;
        }
    }

    public Task ReplaceAsync(string tenantId, SuggestionRun run, IReadOnlyList<(string Title, IReadOnlyList<string> TopTerms, IReadOnlyList<long> IdeaIds)> suggestions,
        CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            var challengeId = run.ChallengeId;
            c.Execute("DELETE FROM theme_suggestions WHERE tenant_id = @tenantId AND challenge_id = @challengeId", new { tenantId, challengeId }, tx);
            c.Execute("DELETE FROM theme_suggestion_runs WHERE tenant_id = @tenantId AND challenge_id = @challengeId", new { tenantId, challengeId }, tx);
            c.Execute("""
                INSERT INTO theme_suggestion_runs (tenant_id, challenge_id, seed, k, silhouette, texts, vocabulary, started_by, finished_at)
                VALUES (@tenantId, @challengeId, @Seed, @K, @silhouette, @Texts, @Vocabulary, @StartedBy, @finishedAt)
                """, new { tenantId, challengeId, run.Seed, run.K, silhouette = run.Silhouette is { } s ? (long?)Math.Round(s * 1000) : null,
                    run.Texts, run.Vocabulary, run.StartedBy, finishedAt = run.FinishedAt.ToUnixMs() }, tx);
            var position = 0;
            foreach (var (title, terms, ideaIds) in suggestions)
                c.Execute("""
                    INSERT INTO theme_suggestions (tenant_id, id, challenge_id, position, title, top_terms, idea_ids)
                    VALUES (@tenantId, @id, @challengeId, @position, @title, @terms, @ideas)
                    """, new { tenantId, id = Sequences.Next(c, tx, tenantId, "theme_suggestion"), challengeId, position = position++, title,
                        terms = string.Join(' ', terms), ideas = Ids(ideaIds) }, tx);
            return 0;
        }, ct);

    public async Task<SuggestionRun?> RunAsync(string tenantId, long challengeId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<(long Seed, long K, long? Silhouette, long Texts, long Vocabulary, long StartedBy, long FinishedAt)?>("""
            SELECT seed, k, silhouette, texts, vocabulary, started_by, finished_at FROM theme_suggestion_runs
            WHERE tenant_id = @tenantId AND challenge_id = @challengeId
            """, new { tenantId, challengeId });
        return row is { } r
            ? new SuggestionRun(challengeId, (int)r.Seed, (int)r.K, r.Silhouette / 1000.0, (int)r.Texts, (int)r.Vocabulary, r.StartedBy, Time.FromUnixMs(r.FinishedAt))
            : null;
    }

    public Task<IReadOnlyList<ThemeSuggestion>> SuggestionsAsync(string tenantId, long challengeId, CancellationToken ct = default) =>
        WhereAsync("challenge_id = @challengeId", new { tenantId, challengeId });

    public async Task<ThemeSuggestion?> FindAsync(string tenantId, long id, CancellationToken ct = default) =>
        (await WhereAsync("id = @id", new { tenantId, id })).SingleOrDefault();

    public Task RenameAsync(string tenantId, long id, string title, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("UPDATE theme_suggestions SET title = @title WHERE tenant_id = @tenantId AND id = @id",
            new { tenantId, id, title }, tx), ct);

    public Task MergeAsync(string tenantId, long intoId, long otherId, IReadOnlyList<string> topTerms, IReadOnlyList<long> ideaIds, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            c.Execute("UPDATE theme_suggestions SET top_terms = @terms, idea_ids = @ideas WHERE tenant_id = @tenantId AND id = @intoId",
                new { tenantId, intoId, terms = string.Join(' ', topTerms), ideas = Ids(ideaIds) }, tx);
            return c.Execute("DELETE FROM theme_suggestions WHERE tenant_id = @tenantId AND id = @otherId", new { tenantId, otherId }, tx);
        }, ct);

    public Task DecideAsync(string tenantId, long id, SuggestionState state, long? themeId, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("UPDATE theme_suggestions SET state = @state, theme_id = @themeId WHERE tenant_id = @tenantId AND id = @id",
            new { tenantId, id, state = state.ToString().ToLowerInvariant(), themeId }, tx), ct);

    private async Task<IReadOnlyList<ThemeSuggestion>> WhereAsync(string condition, object args)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long Id, long ChallengeId, string Title, string TopTerms, string IdeaIds, string State, long? ThemeId)>($"""
            SELECT id, challenge_id, title, top_terms, idea_ids, state, theme_id FROM theme_suggestions
            WHERE tenant_id = @tenantId AND {condition} ORDER BY position, id
            """, args);
        return rows.Select(r => new ThemeSuggestion(r.Id, r.ChallengeId, r.Title, r.TopTerms.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            r.IdeaIds.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList(),
            Enum.Parse<SuggestionState>(r.State, ignoreCase: true), r.ThemeId)).ToList();
    }

    private static string Ids(IEnumerable<long> ids) => string.Join(' ', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
}
