using System.Text.Json;
using Dapper;
using Engine.Core.Coding;
using Engine.Core.Stats;
using Engine.Core.Tenancy;

namespace Engine.Data.Stores;

public sealed class CodingStore(Database db) : ICodingStore
{
    // What can be coded: published ideas, and published comments on published ideas, with their challenge and time.
    private const string Items = """
        WITH items AS (
            SELECT 'idea' AS kind, i.id AS id, i.created_at AS created_at, i.challenge_id AS challenge_id
            FROM ideas i WHERE i.tenant_id = @tenantId AND i.moderation = 'published'
            UNION ALL
            SELECT 'comment', k.id, k.created_at, i.challenge_id
            FROM comments k JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
            WHERE k.tenant_id = @tenantId AND k.moderation = 'published' AND i.moderation = 'published')
        """;

    private static string Kind(ContributionKind kind) => kind == ContributionKind.Idea ? "idea" : "comment";
    private static ContributionRef Ref(string kind, long id) => new(kind == "idea" ? ContributionKind.Idea : ContributionKind.Comment, id);
    private static string InChallenge(long? challengeId) => challengeId is null ? "" : " AND x.challenge_id = @challengeId";

    public async Task<TenantCoding?> SavedFrameAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var json = await c.ExecuteScalarAsync<string?>("SELECT frame FROM code_frames WHERE tenant_id = @tenantId", new { tenantId });
        return json is null ? null : JsonSerializer.Deserialize<TenantCoding>(json, TenantFile.Json);
    }

    public Task SaveFrameAsync(string tenantId, TenantCoding? frame, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => frame is null
            ? c.Execute("DELETE FROM code_frames WHERE tenant_id = @tenantId", new { tenantId }, tx)
            : c.Execute("""
                INSERT INTO code_frames (tenant_id, frame, updated_at, updated_by) VALUES (@tenantId, @json, @now, @actorId)
                ON CONFLICT (tenant_id) DO UPDATE SET frame = excluded.frame, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, new { tenantId, json = JsonSerializer.Serialize(frame, TenantFile.Json), now = now.ToUnixMs(), actorId }, tx), ct);

    public async Task<CodingItem?> ItemAsync(string tenantId, ContributionRef item, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<ItemRow>(item.Kind == ContributionKind.Idea
            ? """
              SELECT i.id AS idea_id, ch.title AS challenge, i.title AS idea_title, i.body, i.language, i.created_at
              FROM ideas i JOIN challenges ch ON ch.tenant_id = i.tenant_id AND ch.id = i.challenge_id
              WHERE i.tenant_id = @tenantId AND i.id = @id AND i.moderation = 'published'
              """
            : """
              SELECT i.id AS idea_id, ch.title AS challenge, i.title AS idea_title, k.body, k.language, k.created_at
              FROM comments k JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
                JOIN challenges ch ON ch.tenant_id = i.tenant_id AND ch.id = i.challenge_id
              WHERE k.tenant_id = @tenantId AND k.id = @id AND k.moderation = 'published' AND i.moderation = 'published'
              """, new { tenantId, id = item.Id });
        return row is null ? null : new CodingItem(item, row.IdeaId, row.Challenge, row.IdeaTitle, row.Body, row.Language, Time.FromUnixMs(row.CreatedAt));
    }

    private sealed record ItemRow(long IdeaId, string Challenge, string IdeaTitle, string Body, string? Language, long CreatedAt);

    public async Task<ContributionRef?> NextAsync(string tenantId, long? challengeId, ContributionRef? from, bool backwards, long? notCodedBy, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        long? at = null;
        if (from is { } f)
        {
            at = await c.ExecuteScalarAsync<long?>($"{Items} SELECT created_at FROM items x WHERE x.kind = @kind AND x.id = @id",
                new { tenantId, kind = Kind(f.Kind), id = f.Id });
            // A contribution taken off the site since: start again from the beginning (or the end).
            if (at is null) from = null;
        }
        // The order is (posted, kind, id), so contributions posted in the same millisecond still have one order.
        var (after, order) = backwards
            ? ("(x.created_at < @at OR (x.created_at = @at AND (x.kind < @kind OR (x.kind = @kind AND x.id < @id))))", "x.created_at DESC, x.kind DESC, x.id DESC")
            : ("(x.created_at > @at OR (x.created_at = @at AND (x.kind > @kind OR (x.kind = @kind AND x.id > @id))))", "x.created_at, x.kind, x.id");
        var notCoded = notCodedBy is null ? "" : """
             AND NOT EXISTS (SELECT 1 FROM coded_contributions d
                WHERE d.tenant_id = @tenantId AND d.kind = x.kind AND d.target_id = x.id AND d.analyst_id = @notCodedBy)
            """;
        var rows = await c.QueryAsync<(string Kind, long Id)>(
            $"{Items} SELECT x.kind, x.id FROM items x WHERE 1 = 1{InChallenge(challengeId)}{(from is null ? "" : $" AND {after}")}{notCoded} ORDER BY {order} LIMIT 1",
            new { tenantId, challengeId, at, kind = from is { } g ? Kind(g.Kind) : null, id = from?.Id, notCodedBy });
        return rows.Select(r => (ContributionRef?)Ref(r.Kind, r.Id)).FirstOrDefault();
    }

    public async Task<(int Total, int Coded)> ProgressAsync(string tenantId, long? challengeId, long analystId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleAsync<(long Total, long Coded)>($"""
            {Items}
            SELECT COUNT(*), COUNT(d.analyst_id) FROM items x
            LEFT JOIN coded_contributions d ON d.tenant_id = @tenantId AND d.kind = x.kind AND d.target_id = x.id AND d.analyst_id = @analystId
            WHERE 1 = 1{InChallenge(challengeId)}
            """, new { tenantId, challengeId, analystId });
        return ((int)row.Total, (int)row.Coded);
    }

    public async Task<(IReadOnlySet<string> Codes, bool Finished)> CodingOfAsync(string tenantId, ContributionRef item, long analystId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var args = new { tenantId, kind = Kind(item.Kind), id = item.Id, analystId };
        var codes = await c.QueryAsync<string>(
            "SELECT code FROM contribution_codes WHERE tenant_id = @tenantId AND kind = @kind AND target_id = @id AND analyst_id = @analystId", args);
        var finished = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM coded_contributions WHERE tenant_id = @tenantId AND kind = @kind AND target_id = @id AND analyst_id = @analystId", args);
        return (codes.ToHashSet(StringComparer.Ordinal), finished > 0);
    }

    public Task SaveCodingAsync(string tenantId, ContributionRef item, long analystId, IReadOnlyCollection<string> codes, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            var args = new { tenantId, kind = Kind(item.Kind), id = item.Id, analystId, now = now.ToUnixMs() };
            c.Execute("DELETE FROM contribution_codes WHERE tenant_id = @tenantId AND kind = @kind AND target_id = @id AND analyst_id = @analystId", args, tx);
            foreach (var code in codes)
                c.Execute("""
                    INSERT INTO contribution_codes (tenant_id, kind, target_id, analyst_id, code) VALUES (@tenantId, @kind, @id, @analystId, @code)
                    """, new { tenantId, kind = Kind(item.Kind), id = item.Id, analystId, code }, tx);
            return c.Execute("""
                INSERT INTO coded_contributions (tenant_id, kind, target_id, analyst_id, coded_at) VALUES (@tenantId, @kind, @id, @analystId, @now)
                ON CONFLICT (tenant_id, kind, target_id, analyst_id) DO UPDATE SET coded_at = excluded.coded_at
                """, args, tx);
        }, ct);

    public async Task<IReadOnlyList<Coder>> CodersAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<(long MemberId, string DisplayName, long Coded)>("""
            SELECT d.analyst_id, m.display_name, COUNT(*) FROM coded_contributions d
            JOIN members m ON m.tenant_id = d.tenant_id AND m.id = d.analyst_id
            WHERE d.tenant_id = @tenantId
            GROUP BY d.analyst_id, m.display_name ORDER BY m.display_name, d.analyst_id
            """, new { tenantId })).Select(r => new Coder(r.MemberId, r.DisplayName, (int)r.Coded)).ToList();
    }

    public async Task<IReadOnlyDictionary<ContributionRef, IReadOnlySet<string>>> FinishedByAsync(string tenantId, long analystId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var args = new { tenantId, analystId };
        var finished = await c.QueryAsync<(string Kind, long Id)>(
            $"{Items} SELECT d.kind, d.target_id FROM coded_contributions d JOIN items x ON x.kind = d.kind AND x.id = d.target_id WHERE d.tenant_id = @tenantId AND d.analyst_id = @analystId",
            args);
        var codes = (await c.QueryAsync<(string Kind, long Id, string Code)>(
                "SELECT kind, target_id, code FROM contribution_codes WHERE tenant_id = @tenantId AND analyst_id = @analystId", args))
            .ToLookup(r => Ref(r.Kind, r.Id), r => r.Code);
        return finished.Select(r => Ref(r.Kind, r.Id))
            .ToDictionary(r => r, r => (IReadOnlySet<string>)codes[r].ToHashSet(StringComparer.Ordinal));
    }

    public async Task<IReadOnlyList<CodeUse>> UsesAsync(string tenantId, long? challengeId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<(string Code, string Kind, long Id, long CreatedAt)>($"""
            {Items}
            SELECT DISTINCT cc.code, cc.kind, cc.target_id, x.created_at FROM contribution_codes cc
            JOIN items x ON x.kind = cc.kind AND x.id = cc.target_id
            WHERE cc.tenant_id = @tenantId{InChallenge(challengeId)}
            ORDER BY x.created_at, cc.kind, cc.target_id, cc.code
            """, new { tenantId, challengeId })).Select(r => new CodeUse(r.Code, Ref(r.Kind, r.Id), Time.FromUnixMs(r.CreatedAt))).ToList();
    }

    public async Task<IReadOnlySet<string>> CodesOnIdeaAsync(string tenantId, long ideaId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<string>(
            "SELECT DISTINCT code FROM contribution_codes WHERE tenant_id = @tenantId AND kind = 'idea' AND target_id = @ideaId",
            new { tenantId, ideaId })).ToHashSet(StringComparer.Ordinal);
    }
}
