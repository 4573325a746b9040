using Dapper;
using Engine.Core.Anonymity;
using Engine.Core.Events;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Data.Events;
using Engine.Sdk;

namespace Engine.Data.Stores;

public sealed class IdeaStore(Database db, IAnonymityPromise anonymity, IEventSubscribers? events = null) : IIdeaStore
{
    // The author's name is joined only for ideas that were not posted anonymously, so an
    // anonymous idea's author never leaves the database on a public read. Held ideas are not public.
    private const string Select = """
        SELECT i.id, i.challenge_id, c.slug AS challenge_slug, i.title, i.body, i.anonymous, i.status,
               COALESCE(n.up_count, 0) AS up_count, COALESCE(n.down_count, 0) AS down_count,
               COALESCE(n.voter_count, 0) AS voter_count, i.comment_count, i.created_at,
               m.display_name AS author_name, i.status_note, i.merged_into,
               s.name AS source_name, s.held_on AS source_held_on, s.facilitator AS source_facilitator, i.edited_at, i.language, i.category, i.answers
        FROM ideas i
        JOIN challenges c ON c.tenant_id = i.tenant_id AND c.id = i.challenge_id
        LEFT JOIN idea_counts n ON n.tenant_id = i.tenant_id AND n.idea_id = i.id
        LEFT JOIN members m ON m.tenant_id = i.tenant_id AND m.id = i.author_id AND i.anonymous = 0
        LEFT JOIN import_sources s ON s.tenant_id = i.tenant_id AND s.id = i.source_id
        WHERE i.moderation = 'published' AND i.tenant_id = @tenantId
        """;

    public async Task<long> AddAsync(string tenantId, long challengeId, Admission admission, NewIdea idea, DateTimeOffset now, CancellationToken ct = default)
    {
        admission = await anonymity.KeptAsync(db, tenantId, ContributionKind.Idea,
            "SELECT slug FROM challenges WHERE tenant_id = @tenantId AND id = @challengeId", new { tenantId, challengeId }, admission, ct);
        return await db.WriteAsync(tenantId, (c, tx) =>
        {
            var id = Sequences.Next(c, tx, tenantId, "idea");
            var args = new DynamicParameters(Stored.AuthorColumns(admission));
            args.AddDynamicParams(new { tenantId, id, challengeId, idea.Title, idea.Body, idea.Language, createdAt = now.ToUnixMs(),
                idea.Answers.Category, answers = StoredAnswers.Write(idea.Answers) });
            args.AddDynamicParams(IdeaSearch.IndexedWords(idea.Language, idea.Title, idea.Body));
            c.Execute("""
                INSERT INTO ideas (tenant_id, id, challenge_id, author_id, author_key, anonymous, title, body, status,
                                   moderation, moderation_reason, hold_text, created_at, language, title_words, body_words, category, answers)
                VALUES (@tenantId, @id, @challengeId, @authorId, @authorKey, @anonymous, @Title, @Body, 'submitted',
                        @moderation, @moderationReason, @holdText, @createdAt, @Language, @titleWords, @bodyWords, @Category, @answers)
                """, args, tx);
            // Its images in the same transaction: an idea is never stored without the images posted with it, nor they without it.
            IdeaImageStore.Insert(c, tx, tenantId, id, idea.Images, now);
            if (admission.State == ModerationState.Published && events.Wanted(tenantId))
                Outbox.Record(c, tx, tenantId, Outbox.IdeaStream(id), EventKinds.IdeaPosted, Outbox.Idea(c, tx, tenantId, id), now);
            return id;
        }, ct);
    }

    public async Task<Idea?> FindAsync(string tenantId, long id, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<Row>($"{Select} AND i.id = @id", new { tenantId, id });
        return row?.ToIdea();
    }

    public async Task<IReadOnlyList<Idea>> FindManyAsync(string tenantId, IReadOnlyList<long> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        await using var c = db.OpenReader();
        var rows = (await c.QueryAsync<Row>($"{Select} AND {db.IsIn("i.id", "ids")}", new { tenantId, ids = ids.ToArray() })).ToDictionary(r => r.Id);
        return ids.Where(rows.ContainsKey).Select(id => rows[id].ToIdea()).ToList();
    }

    public async Task<IReadOnlyList<IdeaTally>> TalliesAsync(string tenantId, long challengeId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long Id, long Up, long Down, long Voters, long Comments, long CreatedAt)>("""
            SELECT i.id, COALESCE(n.up_count, 0), COALESCE(n.down_count, 0), COALESCE(n.voter_count, 0), i.comment_count, i.created_at FROM ideas i
            LEFT JOIN idea_counts n ON n.tenant_id = i.tenant_id AND n.idea_id = i.id
            WHERE i.tenant_id = @tenantId AND i.challenge_id = @challengeId AND i.moderation = 'published' AND i.merged_into IS NULL
            """, new { tenantId, challengeId });
        return rows.Select(r => new IdeaTally(r.Id, (int)r.Up, (int)r.Down, (int)r.Voters, (int)r.Comments, Time.FromUnixMs(r.CreatedAt))).ToList();
    }

    private sealed record Row(long Id, long ChallengeId, string ChallengeSlug, string Title, string Body, long Anonymous,
        string Status, long UpCount, long DownCount, long VoterCount, long CommentCount, long CreatedAt, string? AuthorName, string? StatusNote, long? MergedInto,
        string? SourceName, string? SourceHeldOn, string? SourceFacilitator, long? EditedAt, string? Language, string? Category, string? Answers)
    {
        public Idea ToIdea() => new(Id, ChallengeId, ChallengeSlug, Title, Body,
            Anonymous != 0 || AuthorName is null ? null : new AuthorView(AuthorName), Anonymous != 0,
            StatusNames.Parse(Status), (int)UpCount, (int)DownCount, (int)CommentCount, Time.FromUnixMs(CreatedAt), StatusNote, MergedInto,
            ImportedFrom.Describe(SourceName, SourceHeldOn, SourceFacilitator), EditedAt is { } edited ? Time.FromUnixMs(edited) : null, (int)VoterCount, Language)
        {
            Answers = StoredAnswers.Read(Category, Answers),
        };
    }
}

internal static class ImportedFrom
{
    /// <summary>What an imported contribution shows in place of an author; null for one a member posted.</summary>
    public static string? Describe(string? name, string? heldOn, string? facilitator) =>
        name is null || heldOn is null ? null
            : new Core.Imports.ImportSource(name, DateOnly.ParseExact(heldOn, "yyyy-MM-dd"), facilitator).Describe();
}

internal static class StatusNames
{
    public static IdeaStatus Parse(string value) => Enum.Parse<IdeaStatus>(value.Replace("-", ""), ignoreCase: true);
}
