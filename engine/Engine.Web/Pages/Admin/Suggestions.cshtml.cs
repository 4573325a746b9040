using Engine.Core.BigIdeas;
using Engine.Core.BigIdeas.Suggestions;
using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Web.ThemeSuggestions;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// Theme suggestions from a challenge's text: start a run (in the background), watch it, and accept, rename, merge or
/// reject what it found. For analysts (who read the text) and for community managers and up, who theme: an accepted
/// suggestion becomes a theme on the theming page, which stays the managers'.
/// </summary>
public sealed class SuggestionsModel(IChallengeStore challenges, IIdeaStore ideas, IThemeSuggestionStore store, SuggestThemes suggest,
    ThemeSuggestionRuns runs, TimeProvider clock) : AdminPageModel
{
    /// <summary>How many of a suggestion's ideas the page lists as examples.</summary>
    public const int Examples = 3;

    public IReadOnlyList<Challenge> Challenges { get; private set; } = [];
    public Challenge? Selected { get; private set; }
    public RunProgress? Progress { get; private set; }
    public SuggestionRun? Run { get; private set; }
    public IReadOnlyList<ThemeSuggestion> Suggestions { get; private set; } = [];
    /// <summary>The example ideas' titles, by id.</summary>
    public IReadOnlyDictionary<long, string> Titles { get; private set; } = new Dictionary<long, string>();

    public async Task<IActionResult> OnGetAsync(string? challenge, CancellationToken ct)
    {
        await LoadAsync(challenge, ct);
        return challenge is not null && Selected is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostStartAsync(string? challenge, CancellationToken ct) =>
        ActAsync(challenge, "start", async () =>
        {
            var found = challenge is null ? null : await challenges.FindBySlugAsync(Tenant.Id, challenge, ct);
            if (found is null || !ThemeIdeas.IsThemable(found.StateAt(clock.GetUtcNow())))
                return Error.Invalid("challenge", Words("admin.suggestions.choose-error"));
            return runs.TryStart(Tenant, ActorId, found)
                ? Words("admin.suggestions.done-started", found.Title)
                : Error.Invalid("start", Words("admin.suggestions.busy-error"));
        });

    public Task<IActionResult> OnPostAcceptAsync(string? challenge, long id, string? title, CancellationToken ct) =>
        ActAsync(challenge, $"suggestion-{id}-title", async () =>
        {
            var done = await suggest.AcceptAsync(Tenant, ActorId, id, string.IsNullOrWhiteSpace(title) ? null : title, ct);
            return done.Succeeded ? HttpContext.Words("admin.suggestions.done-accepted", done.Value!.IdeaIds.Count, done.Value.Title) : done.Error!;
        });

    public Task<IActionResult> OnPostRenameAsync(string? challenge, long id, string? title, CancellationToken ct) =>
        ActAsync(challenge, $"suggestion-{id}-title", async () =>
        {
            var done = await suggest.RenameAsync(Tenant, ActorId, id, title, ct);
            return done.Succeeded ? Words("admin.suggestions.done-renamed", done.Value!.Title) : done.Error!;
        });

    public Task<IActionResult> OnPostMergeAsync(string? challenge, long id, long? other, CancellationToken ct) =>
        ActAsync(challenge, $"suggestion-{id}-other", async () =>
        {
            var done = await suggest.MergeAsync(Tenant, ActorId, id, other, ct);
            return done.Succeeded ? HttpContext.Words("admin.suggestions.done-merged", done.Value!.IdeaIds.Count, done.Value.Title) : done.Error!;
        });

    public Task<IActionResult> OnPostRejectAsync(string? challenge, long id, CancellationToken ct) =>
        ActAsync(challenge, $"suggestion-{id}-title", async () =>
        {
            var done = await suggest.RejectAsync(Tenant, ActorId, id, ct);
            return done.Succeeded ? Words("admin.suggestions.done-rejected", done.Value!.Title) : done.Error!;
        });

    private async Task<IActionResult> ActAsync(string? challenge, string field, Func<Task<Outcome<string>>> act)
    {
        var outcome = await act();
        if (outcome.Succeeded) return Done(outcome.Value!, new { challenge });
        await LoadAsync(challenge, HttpContext.RequestAborted);
        // Every error, even one about the other suggestion of a merge, is shown at the form that was sent.
        return Invalid(field, outcome.Error!);
    }

    private async Task LoadAsync(string? challenge, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Progress = runs.Progress(Tenant.Id);
        Challenges = (await challenges.ListAsync(Tenant.Id, ct)).Where(c => ThemeIdeas.IsThemable(c.StateAt(now))).ToList();
        Selected = challenge is null ? null : Challenges.FirstOrDefault(c => c.Slug == challenge);
        if (Selected is null) return;
        Run = await store.RunAsync(Tenant.Id, Selected.Id, ct);
        Suggestions = await store.SuggestionsAsync(Tenant.Id, Selected.Id, ct);
        var examples = Suggestions.SelectMany(s => s.IdeaIds.Take(Examples)).Distinct().ToList();
        Titles = (await ideas.FindManyAsync(Tenant.Id, examples, ct)).ToDictionary(i => i.Id, i => i.Title);
    }
}
