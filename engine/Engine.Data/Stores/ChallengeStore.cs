using Dapper;
using Engine.Core.Challenges;
using Engine.Core.Tenancy;

namespace Engine.Data.Stores;

public sealed class ChallengeStore(Database db) : IChallengeStore
{
    private const string Select = """
        SELECT c.tenant_id, c.id, c.slug, c.title, c.description, c.opens_at, c.closes_at, c.state, c.position, c.audience,
               (SELECT COUNT(*) FROM ideas i WHERE i.tenant_id = c.tenant_id AND i.challenge_id = c.id AND i.moderation = 'published' AND i.merged_into IS NULL) AS idea_count
        FROM challenges c
        """;

    public async Task<IReadOnlyList<Challenge>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<Row>($"{Select} WHERE c.tenant_id = @tenantId ORDER BY c.position, c.id", new { tenantId });
        return rows.Select(r => r.ToChallenge()).ToList();
    }

    public async Task<Challenge?> FindBySlugAsync(string tenantId, string slug, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE c.tenant_id = @tenantId AND c.slug = @slug", new { tenantId, slug });
        return row?.ToChallenge();
    }

    public async Task<Challenge?> FindByIdAsync(string tenantId, long id, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE c.tenant_id = @tenantId AND c.id = @id", new { tenantId, id });
        return row?.ToChallenge();
    }

    public Task SyncAsync(string tenantId, IReadOnlyList<ChallengeDefinition> challenges, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            for (var position = 0; position < challenges.Count; position++)
            {
                var d = challenges[position];
                var values = new
                {
                    tenantId, d.Slug, d.Title, d.Description, position,
                    opensAt = d.OpensAt?.ToUnixMs(), closesAt = d.ClosesAt?.ToUnixMs(),
                    state = d.State.ToString().ToLowerInvariant(), audience = d.ToAudience().ToString(),
                };
                var updated = c.Execute("""
                    UPDATE challenges SET title = @Title, description = @Description, opens_at = @opensAt,
                           closes_at = @closesAt, state = @state, position = @position, audience = @audience
                    WHERE tenant_id = @tenantId AND slug = @Slug AND edited_by_admin = 0
                    """, values, tx);
                var exists = updated == 1 || c.ExecuteScalar<int>("SELECT COUNT(*) FROM challenges WHERE tenant_id = @tenantId AND slug = @Slug", values, tx) == 1;
                if (!exists)
                    c.Execute("""
                        INSERT INTO challenges (tenant_id, id, slug, title, description, opens_at, closes_at, state, position, audience)
                        VALUES (@tenantId, @id, @Slug, @Title, @Description, @opensAt, @closesAt, @state, @position, @audience)
                        """, new { values.tenantId, id = Sequences.Next(c, tx, tenantId, "challenge"), d.Slug, d.Title, d.Description,
                            values.opensAt, values.closesAt, values.state, position, values.audience }, tx);
            }
            return 0;
        }, ct);

    public Task<bool> SaveAsync(string tenantId, ChallengeDefinition d, bool create, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var values = new
            {
                tenantId, d.Slug, d.Title, d.Description, opensAt = d.OpensAt?.ToUnixMs(), closesAt = d.ClosesAt?.ToUnixMs(),
                state = d.State.ToString().ToLowerInvariant(), audience = d.ToAudience().ToString(),
            };
            if (!create)
                return c.Execute("""
                    UPDATE challenges SET title = @Title, description = @Description, opens_at = @opensAt, closes_at = @closesAt,
                           state = @state, audience = @audience, edited_by_admin = 1
                    WHERE tenant_id = @tenantId AND slug = @Slug
                    """, values, tx) == 1;
            if (c.ExecuteScalar<int>("SELECT COUNT(*) FROM challenges WHERE tenant_id = @tenantId AND slug = @Slug", values, tx) > 0) return false;
            var position = c.ExecuteScalar<int>("SELECT COALESCE(MAX(position), -1) + 1 FROM challenges WHERE tenant_id = @tenantId", values, tx);
            c.Execute("""
                INSERT INTO challenges (tenant_id, id, slug, title, description, opens_at, closes_at, state, position, audience, edited_by_admin)
                VALUES (@tenantId, @id, @Slug, @Title, @Description, @opensAt, @closesAt, @state, @position, @audience, 1)
                """, new { values.tenantId, id = Sequences.Next(c, tx, tenantId, "challenge"), d.Slug, d.Title, d.Description,
                    values.opensAt, values.closesAt, values.state, position, values.audience }, tx);
            return true;
        }, ct);

    public Task<bool> ReorderAsync(string tenantId, IReadOnlyList<string> slugs, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var known = c.Query<string>("SELECT slug FROM challenges WHERE tenant_id = @tenantId", new { tenantId }, tx).ToHashSet();
            if (!known.SetEquals(slugs) || slugs.Count != known.Count) return false;
            for (var i = 0; i < slugs.Count; i++)
                c.Execute("UPDATE challenges SET position = @i, edited_by_admin = 1 WHERE tenant_id = @tenantId AND slug = @slug", new { tenantId, slug = slugs[i], i }, tx);
            return true;
        }, ct);

    // Settable properties, not a positional record: with no rows SQLite cannot tell Dapper the idea
    // count's type (it reports a blob), and a constructor would then not match. Properties are
    // matched by name and converted per value.
    private sealed class Row
    {
        public string TenantId { get; init; } = "";
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public long? OpensAt { get; init; }
        public long? ClosesAt { get; init; }
        public string State { get; init; } = "";
        public long Position { get; init; }
        public string Audience { get; init; } = "";
        public long IdeaCount { get; init; }

        public Challenge ToChallenge() => new(TenantId, Id, Slug, Title, Description, Time.FromUnixMs(OpensAt),
            Time.FromUnixMs(ClosesAt), Enum.Parse<ChallengeState>(State, ignoreCase: true), (int)Position, (int)IdeaCount)
            { Audience = Core.Challenges.Audience.Parse(Audience) };
    }
}
