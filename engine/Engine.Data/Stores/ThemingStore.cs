using Dapper;
using Engine.Core.BigIdeas;
using Engine.Core.Ideas;
using Engine.Data.Events;

namespace Engine.Data.Stores;

public sealed class ThemingStore(Database db, Core.Events.IEventSubscribers? events = null) : IThemingStore
{
    private static readonly string Themed = IdeaStatus.Themed.ToString().ToLowerInvariant();
    private static readonly string Shortlisted = IdeaStatus.Shortlisted.ToString().ToLowerInvariant();
    /// <summary>Statuses a grouping may move forward; later ones are the programme's decisions and stay.</summary>
    private static readonly string[] Early = [IdeaStatus.Submitted.ToString().ToLowerInvariant(), IdeaStatus.UnderReview.ToString().ToLowerInvariant()];

    public Task<long> AddThemeAsync(string tenantId, long challengeId, string title, string summary, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var id = Sequences.Next(c, tx, tenantId, "idea_theme");
            c.Execute("""
                INSERT INTO idea_themes (tenant_id, id, challenge_id, title, summary, created_at, updated_at)
                VALUES (@tenantId, @id, @challengeId, @title, @summary, @now, @now)
                """, new { tenantId, id, challengeId, title, summary, now = now.ToUnixMs() }, tx);
            return id;
        }, ct);

    public Task<bool> UpdateThemeAsync(string tenantId, long themeId, string title, string summary, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "UPDATE idea_themes SET title = @title, summary = @summary, updated_at = @now WHERE tenant_id = @tenantId AND id = @themeId",
            new { tenantId, themeId, title, summary, now = now.ToUnixMs() }, tx) == 1, ct);

    public async Task<IdeaTheme?> FindThemeAsync(string tenantId, long themeId, CancellationToken ct = default) =>
        (await ThemesWhereAsync(tenantId, "t.id = @themeId", new { tenantId, themeId })).SingleOrDefault();

    public Task<IReadOnlyList<IdeaTheme>> ThemesAsync(string tenantId, long challengeId, CancellationToken ct = default) =>
        ThemesWhereAsync(tenantId, "t.challenge_id = @challengeId", new { tenantId, challengeId });

    public Task<(bool Added, bool StatusMoved)> AddIdeaAsync(string tenantId, long themeId, long ideaId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var added = c.Execute("""
                INSERT INTO idea_theme_ideas (tenant_id, theme_id, idea_id, added_at) VALUES (@tenantId, @themeId, @ideaId, @now)
                ON CONFLICT DO NOTHING
                """, new { tenantId, themeId, ideaId, now = now.ToUnixMs() }, tx) == 1;
            var moved = added && c.Execute($"""
                UPDATE ideas SET status = @Themed, status_changed_at = @now WHERE tenant_id = @tenantId AND id = @ideaId AND {db.IsIn("status", "Early")}
                """, new { tenantId, ideaId, Themed, Early, now = now.ToUnixMs() }, tx) == 1;
            if (moved) StatusChanged(c, tx, tenantId, [ideaId], IdeaStatus.Themed, now);
            return (added, moved);
        }, ct);

    public Task<bool> RemoveIdeaAsync(string tenantId, long themeId, long ideaId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "DELETE FROM idea_theme_ideas WHERE tenant_id = @tenantId AND theme_id = @themeId AND idea_id = @ideaId",
            new { tenantId, themeId, ideaId }, tx) == 1, ct);

    public Task<bool> DeleteThemeAsync(string tenantId, long themeId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            c.Execute("DELETE FROM idea_theme_ideas WHERE tenant_id = @tenantId AND theme_id = @themeId", new { tenantId, themeId }, tx);
            return c.Execute("DELETE FROM idea_themes WHERE tenant_id = @tenantId AND id = @themeId", new { tenantId, themeId }, tx) == 1;
        }, ct);

    public Task<bool> DeleteBigIdeaAsync(string tenantId, long bigIdeaId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            c.Execute("UPDATE idea_themes SET big_idea_id = NULL WHERE tenant_id = @tenantId AND big_idea_id = @bigIdeaId", new { tenantId, bigIdeaId }, tx);
            return c.Execute("DELETE FROM big_ideas WHERE tenant_id = @tenantId AND id = @bigIdeaId", new { tenantId, bigIdeaId }, tx) == 1;
        }, ct);

    public Task<long> AddBigIdeaAsync(string tenantId, long challengeId, string title, string summary, string description, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var id = Sequences.Next(c, tx, tenantId, "big_idea");
            c.Execute("""
                INSERT INTO big_ideas (tenant_id, id, challenge_id, title, summary, description, created_at, updated_at)
                VALUES (@tenantId, @id, @challengeId, @title, @summary, @description, @now, @now)
                """, new { tenantId, id, challengeId, title, summary, description, now = now.ToUnixMs() }, tx);
            return id;
        }, ct);

    public Task<bool> UpdateBigIdeaAsync(string tenantId, long bigIdeaId, string title, string summary, string description, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "UPDATE big_ideas SET title = @title, summary = @summary, description = @description, updated_at = @now WHERE tenant_id = @tenantId AND id = @bigIdeaId",
            new { tenantId, bigIdeaId, title, summary, description, now = now.ToUnixMs() }, tx) == 1, ct);

    public async Task<BigIdea?> FindBigIdeaAsync(string tenantId, long bigIdeaId, CancellationToken ct = default) =>
        (await BigIdeasWhereAsync(tenantId, "b.id = @bigIdeaId", new { tenantId, bigIdeaId })).SingleOrDefault();

    public Task<IReadOnlyList<BigIdea>> BigIdeasAsync(string tenantId, long challengeId, CancellationToken ct = default) =>
        BigIdeasWhereAsync(tenantId, "b.challenge_id = @challengeId", new { tenantId, challengeId });

    public Task<IReadOnlyList<long>> SetBigIdeaAsync(string tenantId, long themeId, long? bigIdeaId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync<IReadOnlyList<long>>((c, tx) =>
        {
            c.Execute("UPDATE idea_themes SET big_idea_id = @bigIdeaId, updated_at = @now WHERE tenant_id = @tenantId AND id = @themeId",
                new { tenantId, themeId, bigIdeaId, now = now.ToUnixMs() }, tx);
            if (bigIdeaId is null) return [];
            var args = new { tenantId, themeId, Shortlisted, Moveable = Early.Append(Themed).ToArray(), now = now.ToUnixMs() };
            var moving = c.Query<long>($"""
                SELECT i.id FROM ideas i JOIN idea_theme_ideas ti ON ti.tenant_id = i.tenant_id AND ti.idea_id = i.id
                WHERE i.tenant_id = @tenantId AND ti.theme_id = @themeId AND {db.IsIn("i.status", "Moveable")} ORDER BY i.id
                """, args, tx).ToList();
            c.Execute($"UPDATE ideas SET status = @Shortlisted, status_changed_at = @now WHERE tenant_id = @tenantId AND {db.IsIn("id", "ids")}",
                new { tenantId, Shortlisted, ids = moving.ToArray(), now = now.ToUnixMs() }, tx);
            StatusChanged(c, tx, tenantId, moving, IdeaStatus.Shortlisted, now);
            return moving;
        }, ct);

    public Task<IReadOnlyList<long>?> SetStageAsync(string tenantId, long bigIdeaId, IdeaStatus stage, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync<IReadOnlyList<long>?>(tenantId, (c, tx) =>
        {
            // Stored as the ideas table spells statuses: lower case, no hyphens ("scaleandspread").
            var stored = stage.ToString().ToLowerInvariant();
            var args = new { tenantId, bigIdeaId, stage = stored, now = now.ToUnixMs() };
            if (c.Execute("UPDATE big_ideas SET stage = @stage, stage_changed_at = @now, updated_at = @now WHERE tenant_id = @tenantId AND id = @bigIdeaId", args, tx) == 0)
                return null;
            // Source ideas only move forward, and never out of "not taken forward": that was a decision about the idea itself.
            var earlier = Core.Roadmap.RoadmapStages.Before(stage).Select(s => s.ToString().ToLowerInvariant()).ToArray();
            if (earlier.Length == 0) return [];
            var moving = c.Query<long>($"""
                SELECT DISTINCT i.id FROM ideas i
                JOIN idea_theme_ideas ti ON ti.tenant_id = i.tenant_id AND ti.idea_id = i.id
                JOIN idea_themes t ON t.tenant_id = ti.tenant_id AND t.id = ti.theme_id
                WHERE i.tenant_id = @tenantId AND t.big_idea_id = @bigIdeaId AND {db.IsIn("i.status", "earlier")} ORDER BY i.id
                """, new { tenantId, bigIdeaId, earlier }, tx).ToList();
            c.Execute($"UPDATE ideas SET status = @stage, status_changed_at = @now WHERE tenant_id = @tenantId AND {db.IsIn("id", "moving")}",
                new { tenantId, stage = stored, moving = moving.ToArray(), now = now.ToUnixMs() }, tx);
            StatusChanged(c, tx, tenantId, moving, stage, now);
            return moving;
        }, ct);

    /// <summary>Ideas that theming or the roadmap moved on are told to the site's event handlers, with the commit.</summary>
    private void StatusChanged(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string tenantId, IEnumerable<long> ideaIds,
        IdeaStatus status, DateTimeOffset now)
    {
        if (!events.Wanted(tenantId)) return;
        foreach (var ideaId in ideaIds)
            Outbox.Record(c, tx, tenantId, Outbox.IdeaStream(ideaId), Sdk.EventKinds.StatusChanged,
                Outbox.Idea(c, tx, tenantId, ideaId) with { Status = status.Key() }, now);
    }

    public async Task<IReadOnlyList<IdeaGrouping>> GroupingsOfIdeaAsync(string tenantId, long ideaId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long ThemeId, string ThemeTitle, long? BigIdeaId, string? BigIdeaTitle)>("""
            SELECT t.id, t.title, b.id, b.title FROM idea_theme_ideas ti
            JOIN idea_themes t ON t.tenant_id = ti.tenant_id AND t.id = ti.theme_id
            LEFT JOIN big_ideas b ON b.tenant_id = t.tenant_id AND b.id = t.big_idea_id
            WHERE ti.tenant_id = @tenantId AND ti.idea_id = @ideaId ORDER BY t.id
            """, new { tenantId, ideaId });
        return rows.Select(r => new IdeaGrouping(r.ThemeId, r.ThemeTitle, r.BigIdeaId, r.BigIdeaTitle)).ToList();
    }

    private async Task<IReadOnlyList<IdeaTheme>> ThemesWhereAsync(string tenantId, string where, object args)
    {
        await using var c = db.OpenReader();
        var themes = (await c.QueryAsync<(long Id, long ChallengeId, string Title, string Summary, long? BigIdeaId)>(
            $"SELECT t.id, t.challenge_id, t.title, t.summary, t.big_idea_id FROM idea_themes t WHERE t.tenant_id = @tenantId AND {where} ORDER BY t.id", args)).ToList();
        if (themes.Count == 0) return [];
        var ideas = (await c.QueryAsync<(long ThemeId, long IdeaId)>(
            $"SELECT theme_id, idea_id FROM idea_theme_ideas WHERE tenant_id = @tenantId AND {db.IsIn("theme_id", "ids")} ORDER BY added_at, idea_id",
            new { tenantId, ids = themes.Select(t => t.Id).ToArray() })).ToLookup(r => r.ThemeId, r => r.IdeaId);
        return themes.Select(t => new IdeaTheme(t.Id, t.ChallengeId, t.Title, t.Summary, t.BigIdeaId, ideas[t.Id].ToList())).ToList();
    }

    private async Task<IReadOnlyList<BigIdea>> BigIdeasWhereAsync(string tenantId, string where, object args)
    {
        await using var c = db.OpenReader();
        var rows = (await c.QueryAsync<(long Id, long ChallengeId, string Title, string Summary, string Description, long CreatedAt, long UpdatedAt, string Stage)>(
            $"SELECT b.id, b.challenge_id, b.title, b.summary, b.description, b.created_at, b.updated_at, b.stage FROM big_ideas b WHERE b.tenant_id = @tenantId AND {where} ORDER BY b.id", args)).ToList();
        if (rows.Count == 0) return [];
        var themes = (await c.QueryAsync<(long BigIdeaId, long ThemeId)>(
            $"SELECT big_idea_id, id FROM idea_themes WHERE tenant_id = @tenantId AND {db.IsIn("big_idea_id", "ids")} ORDER BY id",
            new { tenantId, ids = rows.Select(r => r.Id).ToArray() })).ToLookup(r => r.BigIdeaId, r => r.ThemeId);
        return rows.Select(r => new BigIdea(r.Id, r.ChallengeId, r.Title, r.Summary, r.Description, themes[r.Id].ToList(),
            Time.FromUnixMs(r.CreatedAt), Time.FromUnixMs(r.UpdatedAt), StatusNames.Parse(r.Stage))).ToList();
    }
}
