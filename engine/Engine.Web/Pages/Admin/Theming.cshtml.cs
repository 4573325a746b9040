using Engine.Core.BigIdeas;
using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// Theming a challenge: merge duplicate ideas, and group its ideas (once it has opened, while it runs or after)
/// into themes and themes into big ideas. For community managers, moderators and admins.
/// </summary>
public sealed class ThemingModel(IChallengeStore challenges, IIdeaStore ideas, IMergeStore merges, IThemingStore store,
    MergeIdeas merge, ThemeIdeas theming, TimeProvider clock) : AdminPageModel
{
    public IReadOnlyList<Challenge> Challenges { get; private set; } = [];
    public Challenge? Selected { get; private set; }
    /// <summary>The selected challenge's state now: its ideas can be themed once it has opened.</summary>
    public ChallengeState State { get; private set; }
    /// <summary>The challenge's ideas still in its lists, newest first.</summary>
    public IReadOnlyList<Idea> Ideas { get; private set; } = [];
    public IReadOnlyList<MergedIdea> Merged { get; private set; } = [];
    public IReadOnlyList<IdeaTheme> Themes { get; private set; } = [];
    public IReadOnlyList<BigIdea> BigIdeas { get; private set; } = [];

    /// <summary>What was typed into a form that failed, so it is shown again.</summary>
    public Dictionary<string, string?> Typed { get; } = [];

    public ChallengeState StateOf(Challenge challenge) => challenge.StateAt(clock.GetUtcNow());

    public string TitleOf(long ideaId) => Ideas.FirstOrDefault(i => i.Id == ideaId)?.Title
        ?? Merged.FirstOrDefault(m => m.Id == ideaId)?.Title ?? Words("admin.moderation.idea-label", ideaId);

    public async Task<IActionResult> OnGetAsync(string? challenge, CancellationToken ct)
    {
        await LoadAsync(challenge, ct);
        return challenge is not null && Selected is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostMergeAsync(string? challenge, long? duplicate, long? keep, CancellationToken ct) =>
        ActAsync(challenge, "merge-duplicate", new() { ["duplicate"] = duplicate?.ToString(), ["keep"] = keep?.ToString() }, async () =>
        {
            if (duplicate is null) return Error.Invalid("mergedId", "Choose the duplicate idea to merge.").Keyed("admin.theming.choose-duplicate");
            if (keep is null) return Error.Invalid("keptId", "Choose the idea to keep.").Keyed("admin.theming.choose-keep");
            var done = await merge.MergeAsync(Tenant, ActorId, keep.Value, duplicate.Value, ct);
            return done.Succeeded ? Words("admin.theming.done-merge", done.Value!.Kept.Up, done.Value.Merged.Title, done.Value.Kept.Title) : done.Error!;
        }, e => e.Field == "keptId" ? "merge-keep" : "merge-duplicate");

    public Task<IActionResult> OnPostUndoAsync(string? challenge, long id, CancellationToken ct) =>
        ActAsync(challenge, "merged", [], async () =>
        {
            var done = await merge.UndoAsync(Tenant, ActorId, id, ct);
            return done.Succeeded ? Words("admin.theming.done-undo", done.Value!.Merged.Title) : done.Error!;
        });

    public Task<IActionResult> OnPostCreateThemeAsync(string? challenge, string? title, string? summary, CancellationToken ct) =>
        ActAsync(challenge, "theme-title", new() { ["theme-title"] = title, ["theme-summary"] = summary }, async () =>
        {
            var done = await theming.CreateThemeAsync(Tenant, ActorId, challenge, new GroupText(title, summary), ct);
            return done.Succeeded ? Words("admin.theming.done-create-theme", done.Value!.Title) : done.Error!;
        }, e => e.Field == "summary" ? "theme-summary" : "theme-title");

    public Task<IActionResult> OnPostEditThemeAsync(string? challenge, long id, string? title, string? summary, CancellationToken ct) =>
        ActAsync(challenge, $"theme-{id}-title", new() { [$"theme-{id}-title"] = title, [$"theme-{id}-summary"] = summary }, async () =>
        {
            var done = await theming.EditThemeAsync(Tenant, ActorId, id, new GroupText(title, summary), ct);
            return done.Succeeded ? Words("admin.theming.done-save-theme", done.Value!.Title) : done.Error!;
        }, e => e.Field == "summary" ? $"theme-{id}-summary" : $"theme-{id}-title");

    public Task<IActionResult> OnPostAddIdeaAsync(string? challenge, long themeId, long? ideaId, CancellationToken ct) =>
        ActAsync(challenge, $"theme-{themeId}-add", [], async () =>
        {
            if (ideaId is null) return Error.Invalid("ideaId", "Choose an idea to add to the theme.").Keyed("admin.theming.choose-add");
            var done = await theming.AddIdeaAsync(Tenant, ActorId, themeId, ideaId.Value, ct);
            return done.Succeeded ? Words("admin.theming.done-add", TitleOf(ideaId.Value), done.Value!.Title) : done.Error!;
        });

    public Task<IActionResult> OnPostRemoveIdeaAsync(string? challenge, long themeId, long ideaId, CancellationToken ct) =>
        ActAsync(challenge, $"theme-{themeId}", [], async () =>
        {
            var done = await theming.RemoveIdeaAsync(Tenant, ActorId, themeId, ideaId, ct);
            return done.Succeeded ? Words("admin.theming.done-remove", TitleOf(ideaId), done.Value!.Title) : done.Error!;
        });

    /// <param name="bigIdeaId">0 takes the theme out of its big idea.</param>
    public Task<IActionResult> OnPostSetBigIdeaAsync(string? challenge, long themeId, long? bigIdeaId, CancellationToken ct) =>
        ActAsync(challenge, $"theme-{themeId}-big-idea", [], async () =>
        {
            var target = bigIdeaId is null or 0 ? null : bigIdeaId;
            var done = await theming.SetBigIdeaAsync(Tenant, ActorId, themeId, target, ct);
            return done.Succeeded
                ? Words(target is null ? "admin.theming.done-no-big-idea" : "admin.theming.done-big-idea", done.Value!.Title)
                : done.Error!;
        });

    public Task<IActionResult> OnPostCreateBigIdeaAsync(string? challenge, string? title, string? summary, string? description, CancellationToken ct) =>
        ActAsync(challenge, "big-idea-title", new() { ["big-idea-title"] = title, ["big-idea-summary"] = summary, ["big-idea-description"] = description }, async () =>
        {
            var done = await theming.CreateBigIdeaAsync(Tenant, ActorId, challenge, new GroupText(title, summary, description), ct);
            return done.Succeeded ? Words("admin.theming.done-create-big-idea", done.Value!.Title) : done.Error!;
        }, e => $"big-idea-{e.Field}");

    public Task<IActionResult> OnPostEditBigIdeaAsync(string? challenge, long id, string? title, string? summary, string? description, CancellationToken ct) =>
        ActAsync(challenge, $"big-idea-{id}-title", new() { [$"big-idea-{id}-title"] = title, [$"big-idea-{id}-summary"] = summary, [$"big-idea-{id}-description"] = description }, async () =>
        {
            var done = await theming.EditBigIdeaAsync(Tenant, ActorId, id, new GroupText(title, summary, description), ct);
            return done.Succeeded ? Words("admin.theming.done-save-big-idea", done.Value!.Title) : done.Error!;
        }, e => $"big-idea-{id}-{e.Field}");

    public Task<IActionResult> OnPostDeleteThemeAsync(string? challenge, long id, CancellationToken ct) =>
        ActAsync(challenge, $"theme-{id}", [], async () =>
        {
            var title = (await store.FindThemeAsync(Tenant.Id, id, ct))?.Title;
            var done = await theming.DeleteThemeAsync(Tenant, ActorId, id, ct);
            return done.Succeeded ? Words("admin.theming.done-delete-theme", title) : done.Error!;
        });

    public Task<IActionResult> OnPostMoveBigIdeaAsync(string? challenge, long id, string? stage, CancellationToken ct) =>
        ActAsync(challenge, $"big-idea-{id}-stage", [], async () =>
        {
            var done = await theming.MoveBigIdeaAsync(Tenant, ActorId, id, stage, ct);
            return done.Succeeded ? Words("admin.theming.done-move", done.Value!.Title, Words("admin.theming.stage-" + done.Value.Stage.Key())) : done.Error!;
        });

    public Task<IActionResult> OnPostDeleteBigIdeaAsync(string? challenge, long id, CancellationToken ct) =>
        ActAsync(challenge, $"big-idea-{id}", [], async () =>
        {
            var title = (await store.FindBigIdeaAsync(Tenant.Id, id, ct))?.Title;
            var done = await theming.DeleteBigIdeaAsync(Tenant, ActorId, id, ct);
            return done.Succeeded ? Words("admin.theming.done-delete-big-idea", title) : done.Error!;
        });

    /// <summary>Runs one action: on success redirect with the banner; on failure the page again, 400, with the error linked to <paramref name="field"/>.</summary>
    private async Task<IActionResult> ActAsync(string? challenge, string field, Dictionary<string, string?> typed, Func<Task<Outcome<string>>> act,
        Func<Error, string>? fieldFor = null)
    {
        var outcome = await act();
        if (outcome.Succeeded) return Done(outcome.Value!, new { challenge });
        await LoadAsync(challenge, HttpContext.RequestAborted);
        foreach (var (key, value) in typed) Typed[key] = value;
        var error = outcome.Error!;
        return Invalid(error.Field is null || fieldFor is null ? field : fieldFor(error), error);
    }

    private async Task LoadAsync(string? challenge, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Challenges = (await challenges.ListAsync(Tenant.Id, ct)).Where(c => c.StateAt(now) is not ChallengeState.Draft).ToList();
        Selected = challenge is null ? null : Challenges.FirstOrDefault(c => c.Slug == challenge);
        if (Selected is null) return;
        State = Selected.StateAt(now);
        var listed = (await ideas.TalliesAsync(Tenant.Id, Selected.Id, ct)).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.IdeaId).Select(t => t.IdeaId).ToList();
        Ideas = await ideas.FindManyAsync(Tenant.Id, listed, ct);
        Merged = await merges.MergedAsync(Tenant.Id, Selected.Id, null, ct);
        Themes = await store.ThemesAsync(Tenant.Id, Selected.Id, ct);
        BigIdeas = await store.BigIdeasAsync(Tenant.Id, Selected.Id, ct);
    }
}
