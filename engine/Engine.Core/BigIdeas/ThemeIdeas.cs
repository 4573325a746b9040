using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.BigIdeas;

/// <summary>What a theme or big idea says about itself, as typed by the team.</summary>
public sealed record GroupText(string? Title, string? Summary, string? Description = null);

/// <summary>
/// Community managers, moderators and admins group a challenge's ideas into themes and themes into big ideas, once
/// it has opened: while it runs too, since some challenges never close (London's) and analysts theme as ideas come in;
/// a theme made while ideas and support still move can be revisited. Not before it opens (it has no ideas). Statuses follow: an idea put into a theme becomes
/// "themed", and the ideas of a theme put into a big idea become "shortlisted as a big idea", but never move
/// back, nor overwrite a later decision (prototyping, testing, not taken forward). Everything is audited.
/// </summary>
public sealed class ThemeIdeas(IChallengeStore challenges, IIdeaStore ideas, IThemingStore store, IModerationStore audit, Email.Notifications notifications, TimeProvider clock)
{
    public const int TitleMin = 3, TitleMax = 150, SummaryMax = 1000, DescriptionMax = 20_000;

    public async Task<Outcome<IdeaTheme>> CreateThemeAsync(TenantDefinition tenant, long actorId, string? challengeSlug, GroupText text, CancellationToken ct = default)
    {
        var challenge = await ThemableChallengeAsync(tenant.Id, challengeSlug, ct);
        if (!challenge.Succeeded) return challenge.Error!;
        if (Check(text, withDescription: false) is { } invalid) return invalid;
        var now = clock.GetUtcNow();
        var id = await store.AddThemeAsync(tenant.Id, challenge.Value!.Id, text.Title!.Trim(), (text.Summary ?? "").Trim(), now, ct);
        await audit.AuditAsync(tenant.Id, actorId, "theme.created", $"theme {id}", $"“{text.Title.Trim()}” in challenge {challenge.Value.Slug}", now, ct);
        return (await store.FindThemeAsync(tenant.Id, id, ct))!;
    }

    public async Task<Outcome<IdeaTheme>> EditThemeAsync(TenantDefinition tenant, long actorId, long themeId, GroupText text, CancellationToken ct = default)
    {
        if (Check(text, withDescription: false) is { } invalid) return invalid;
        var theme = await EditableThemeAsync(tenant.Id, themeId, ct);
        if (!theme.Succeeded) return theme.Error!;
        var now = clock.GetUtcNow();
        await store.UpdateThemeAsync(tenant.Id, themeId, text.Title!.Trim(), (text.Summary ?? "").Trim(), now, ct);
        await audit.AuditAsync(tenant.Id, actorId, "theme.updated", $"theme {themeId}", $"“{text.Title.Trim()}”", now, ct);
        return (await store.FindThemeAsync(tenant.Id, themeId, ct))!;
    }

    public async Task<Outcome<IdeaTheme>> AddIdeaAsync(TenantDefinition tenant, long actorId, long themeId, long ideaId, CancellationToken ct = default)
    {
        var theme = await EditableThemeAsync(tenant.Id, themeId, ct);
        if (!theme.Succeeded) return theme.Error!;
        var idea = await ideas.FindAsync(tenant.Id, ideaId, ct);
        if (idea is null) return new Error(ErrorKind.NotFound, $"Idea {ideaId} was not found on this site.", "ideaId").Keyed("admin.theming.idea-not-found", ideaId);
        if (idea.ChallengeId != theme.Value!.ChallengeId) return Error.Invalid("ideaId", "A theme groups ideas of its own challenge only.").Keyed("admin.theming.theme-other-challenge");
        if (idea.MergedInto is { } kept) return Error.Invalid("ideaId", $"Idea {ideaId} was merged into idea {kept}: add idea {kept} instead.").Keyed("admin.theming.add-merged", ideaId, kept);
        var now = clock.GetUtcNow();
        var (added, moved) = await store.AddIdeaAsync(tenant.Id, themeId, ideaId, now, ct);
        if (added)
        {
            await audit.AuditAsync(tenant.Id, actorId, "theme.idea-added", $"theme {themeId}", $"idea {ideaId}", now, ct);
            if (moved)
            {
                await audit.AuditAsync(tenant.Id, actorId, "idea.status", $"idea {ideaId}", $"{IdeaStatus.Themed.Key()}: grouped into theme {themeId}", now, ct);
                await notifications.StatusChangedAsync(tenant, ideaId, actorId, ct);
            }
        }
        return (await store.FindThemeAsync(tenant.Id, themeId, ct))!;
    }

    public async Task<Outcome<IdeaTheme>> RemoveIdeaAsync(TenantDefinition tenant, long actorId, long themeId, long ideaId, CancellationToken ct = default)
    {
        var theme = await EditableThemeAsync(tenant.Id, themeId, ct);
        if (!theme.Succeeded) return theme.Error!;
        if (!await store.RemoveIdeaAsync(tenant.Id, themeId, ideaId, ct))
            return new Error(ErrorKind.NotFound, $"Idea {ideaId} is not in this theme.", "ideaId").Keyed("admin.theming.idea-not-in-theme", ideaId);
        await audit.AuditAsync(tenant.Id, actorId, "theme.idea-removed", $"theme {themeId}", $"idea {ideaId}", clock.GetUtcNow(), ct);
        return (await store.FindThemeAsync(tenant.Id, themeId, ct))!;
    }

    public async Task<Outcome<BigIdea>> CreateBigIdeaAsync(TenantDefinition tenant, long actorId, string? challengeSlug, GroupText text, CancellationToken ct = default)
    {
        var challenge = await ThemableChallengeAsync(tenant.Id, challengeSlug, ct);
        if (!challenge.Succeeded) return challenge.Error!;
        if (Check(text, withDescription: true) is { } invalid) return invalid;
        var now = clock.GetUtcNow();
        var id = await store.AddBigIdeaAsync(tenant.Id, challenge.Value!.Id, text.Title!.Trim(), (text.Summary ?? "").Trim(), (text.Description ?? "").Trim(), now, ct);
        await audit.AuditAsync(tenant.Id, actorId, "big-idea.created", $"big idea {id}", $"“{text.Title.Trim()}” in challenge {challenge.Value.Slug}", now, ct);
        return (await store.FindBigIdeaAsync(tenant.Id, id, ct))!;
    }

    public async Task<Outcome<BigIdea>> EditBigIdeaAsync(TenantDefinition tenant, long actorId, long bigIdeaId, GroupText text, CancellationToken ct = default)
    {
        if (Check(text, withDescription: true) is { } invalid) return invalid;
        if (await store.FindBigIdeaAsync(tenant.Id, bigIdeaId, ct) is null) return Error.NotFound("Big idea");
        var now = clock.GetUtcNow();
        await store.UpdateBigIdeaAsync(tenant.Id, bigIdeaId, text.Title!.Trim(), (text.Summary ?? "").Trim(), (text.Description ?? "").Trim(), now, ct);
        await audit.AuditAsync(tenant.Id, actorId, "big-idea.updated", $"big idea {bigIdeaId}", $"“{text.Title.Trim()}”", now, ct);
        return (await store.FindBigIdeaAsync(tenant.Id, bigIdeaId, ct))!;
    }

    /// <summary>Puts a theme into a big idea of the same challenge, or takes it out (bigIdeaId null).</summary>
    public async Task<Outcome<IdeaTheme>> SetBigIdeaAsync(TenantDefinition tenant, long actorId, long themeId, long? bigIdeaId, CancellationToken ct = default)
    {
        var theme = await EditableThemeAsync(tenant.Id, themeId, ct);
        if (!theme.Succeeded) return theme.Error!;
        if (bigIdeaId is { } target)
        {
            var bigIdea = await store.FindBigIdeaAsync(tenant.Id, target, ct);
            if (bigIdea is null) return new Error(ErrorKind.NotFound, $"Big idea {target} was not found on this site.", "bigIdeaId").Keyed("admin.theming.big-idea-not-found", target);
            if (bigIdea.ChallengeId != theme.Value!.ChallengeId) return Error.Invalid("bigIdeaId", "A big idea brings together themes of its own challenge only.").Keyed("admin.theming.big-idea-other-challenge");
        }
        if (theme.Value!.BigIdeaId == bigIdeaId) return theme.Value;
        var now = clock.GetUtcNow();
        var moved = await store.SetBigIdeaAsync(tenant.Id, themeId, bigIdeaId, now, ct);
        await audit.AuditAsync(tenant.Id, actorId, bigIdeaId is null ? "big-idea.theme-removed" : "big-idea.theme-added",
            $"big idea {bigIdeaId ?? theme.Value!.BigIdeaId}", $"theme {themeId}", now, ct);
        foreach (var ideaId in moved)
            await audit.AuditAsync(tenant.Id, actorId, "idea.status", $"idea {ideaId}", $"{IdeaStatus.Shortlisted.Key()}: in big idea {bigIdeaId}", now, ct);
        // Every idea of the theme has joined the big idea, whether or not its status moved: its followers hear.
        if (bigIdeaId is { } joined && await store.FindBigIdeaAsync(tenant.Id, joined, ct) is { } big)
            await notifications.JoinedBigIdeaAsync(tenant, theme.Value!.IdeaIds, joined, big.Title, actorId, ct);
        return (await store.FindThemeAsync(tenant.Id, themeId, ct))!;
    }

    /// <summary>
    /// Moves a big idea along the roadmap (big idea, prototyping, testing, scale and spread, or not taken forward).
    /// Its source ideas that are earlier on the roadmap move with it, each audited as a status change like any other.
    /// </summary>
    public async Task<Outcome<BigIdea>> MoveBigIdeaAsync(TenantDefinition tenant, long actorId, long bigIdeaId, string? stage, CancellationToken ct = default)
    {
        if (!IdeaStatuses.TryParse(stage, out var parsed) || !Roadmap.RoadmapStages.ForBigIdeas.Contains(parsed))
            return Error.Invalid("stage", "Choose big idea, prototyping, testing, scale and spread, or not taken forward.").Keyed("admin.theming.choose-stage");
        var bigIdea = await store.FindBigIdeaAsync(tenant.Id, bigIdeaId, ct);
        if (bigIdea is null) return Error.NotFound("Big idea");
        if (bigIdea.Stage == parsed) return bigIdea;
        var now = clock.GetUtcNow();
        var moved = await store.SetStageAsync(tenant.Id, bigIdeaId, parsed, now, ct);
        if (moved is null) return Error.NotFound("Big idea");
        await audit.AuditAsync(tenant.Id, actorId, "big-idea.stage", $"big idea {bigIdeaId}", $"{bigIdea.Stage.Key()} → {parsed.Key()}", now, ct);
        foreach (var ideaId in moved)
            await audit.AuditAsync(tenant.Id, actorId, "idea.status", $"idea {ideaId}", $"{parsed.Key()}: with big idea {bigIdeaId}", now, ct);
        return (await store.FindBigIdeaAsync(tenant.Id, bigIdeaId, ct))!;
    }

    /// <summary>Deletes a theme made by mistake: the ideas stay, with the statuses they have now (a status is a public decision, changed only on purpose).</summary>
    public async Task<Outcome<bool>> DeleteThemeAsync(TenantDefinition tenant, long actorId, long themeId, CancellationToken ct = default)
    {
        var theme = await store.FindThemeAsync(tenant.Id, themeId, ct);
        if (theme is null || !await store.DeleteThemeAsync(tenant.Id, themeId, ct)) return Error.NotFound("Theme");
        await audit.AuditAsync(tenant.Id, actorId, "theme.deleted", $"theme {themeId}", $"“{theme.Title}” with ideas {string.Join(", ", theme.IdeaIds)}", clock.GetUtcNow(), ct);
        return true;
    }

    /// <summary>Deletes a big idea; its themes stay, in no big idea, and their ideas keep their statuses.</summary>
    public async Task<Outcome<bool>> DeleteBigIdeaAsync(TenantDefinition tenant, long actorId, long bigIdeaId, CancellationToken ct = default)
    {
        var bigIdea = await store.FindBigIdeaAsync(tenant.Id, bigIdeaId, ct);
        if (bigIdea is null || !await store.DeleteBigIdeaAsync(tenant.Id, bigIdeaId, ct)) return Error.NotFound("Big idea");
        await audit.AuditAsync(tenant.Id, actorId, "big-idea.deleted", $"big idea {bigIdeaId}", $"“{bigIdea.Title}” with themes {string.Join(", ", bigIdea.ThemeIds)}", clock.GetUtcNow(), ct);
        return true;
    }

    /// <summary>A challenge that has opened (open, closed or archived): one with ideas to theme.</summary>
    public async Task<Outcome<Challenge>> ThemableChallengeAsync(string tenantId, string? slug, CancellationToken ct)
    {
        var challenge = slug is null ? null : await challenges.FindBySlugAsync(tenantId, slug, ct);
        if (challenge is null) return new Error(ErrorKind.NotFound, $"Challenge '{slug}' was not found on this site.", "challenge").Keyed("admin.theming.challenge-not-found", slug ?? "");
        if (!IsThemable(challenge.StateAt(clock.GetUtcNow())))
            return Error.Invalid("challenge", $"The challenge '{challenge.Title}' has not opened yet: its ideas can be themed once it has opened.")
                .Keyed("admin.theming.not-opened", challenge.Title);
        return challenge;
    }

    public static bool IsThemable(ChallengeState state) => state is not ChallengeState.Draft;

    private async Task<Outcome<IdeaTheme>> EditableThemeAsync(string tenantId, long themeId, CancellationToken ct) =>
        await store.FindThemeAsync(tenantId, themeId, ct) is { } theme ? theme : Error.NotFound("Theme");

    private static Error? Check(GroupText text, bool withDescription)
    {
        if (TextRules.Check("title", text.Title, TitleMin, TitleMax, out _) is { } title) return title;
        if ((text.Summary ?? "").Trim().Length > SummaryMax) return Error.Invalid("summary", $"Summary must be {SummaryMax} characters or fewer.").Keyed("admin.theming.summary-long", SummaryMax);
        if (withDescription && (text.Description ?? "").Trim().Length > DescriptionMax)
            return Error.Invalid("description", $"Description must be {DescriptionMax} characters or fewer.").Keyed("admin.theming.description-long", DescriptionMax);
        return null;
    }
}
