using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.BigIdeas.Suggestions;

/// <summary>
/// Theme suggestions from a challenge's text (<see cref="ThemeClustering"/>), and what analysts do with them. Accepting
/// one makes a theme through <see cref="ThemeIdeas"/>, as if it had been typed and filled in by hand: each of its ideas
/// is added (and moves to "themed"), audited and notified the same way. Suggestions themselves are never public.
/// </summary>
public sealed class SuggestThemes(IChallengeStore challenges, IThemeSuggestionStore store, IThemingStore themes, ThemeIdeas theming, IModerationStore audit, TimeProvider clock,
    BackgroundPacing pacing)
{
    public const int Seed = 21;

    /// <summary>How many ideas' texts a run reads at a time.</summary>
    public const int TextsPerBatch = 4096;

    /// <summary>
    /// Clusters the challenge's ideas and comments and replaces its suggestions: slow on a large challenge, so run in the
    /// background: the reading and the clustering run at the lowest priority (<see cref="BackgroundThread"/>) and pause while
    /// the site is busy (<see cref="BackgroundPace"/>), so the site serves first.
    /// </summary>
    public async Task<SuggestionRun> ComputeAsync(TenantDefinition tenant, long actorId, Challenge challenge, IProgress<SuggestionProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new(SuggestionPhase.Reading, 0));
        var total = await store.TextCountAsync(tenant.Id, challenge.Id, ct);
        var clustering = new Within(progress, 0.1, 0.95);
        // Each batch is counted as it is read, and dropped: a large challenge's texts are never all held (nor promoted by the
        // garbage collector, whose pauses every request waits through), only their counts, as arrays of numbers.
        var counts = new ThemeCounts();
        var pace = pacing.Start(ct);
        using (var batches = store.Texts(tenant.Id, challenge.Id, TextsPerBatch, ct).GetEnumerator())
            while (await BackgroundThread.RunAsync(() => ReadAndCount(batches, counts, pace), ct))
                clustering.Report(new(SuggestionPhase.Counting, 0.3 * counts.Texts / Math.Max(total, counts.Texts)));
        var result = await BackgroundThread.RunAsync(() => ThemeClustering.Cluster(counts, new ClusteringOptions(Seed), clustering, ct, pace), ct);
        progress?.Report(new(SuggestionPhase.Saving, 0.95));
        var run = new SuggestionRun(challenge.Id, Seed, result.K, double.IsFinite(result.Silhouette) ? result.Silhouette : null,
            result.Texts, result.Vocabulary, actorId, clock.GetUtcNow());
        await store.ReplaceAsync(tenant.Id, run, result.Clusters.Select(c => (TitleFrom(c.TopTerms), c.TopTerms, c.IdeaIds)).ToList(), ct);
        await audit.AuditAsync(tenant.Id, actorId, "theme-suggestions.computed", $"challenge {challenge.Slug}",
            $"{result.Clusters.Count} suggestions from {result.Texts} ideas", run.FinishedAt, ct);
        return run;
    }

    /// <summary>
    /// Reads the next batch and counts it, on the lowest-priority thread: on SQLite a query's work is done by the thread that
    /// asks, so reading on a pool thread would run it at a request's priority. False when there was no batch left.
    /// </summary>
    private static bool ReadAndCount(IEnumerator<IReadOnlyList<ThemeText>> batches, ThemeCounts counts, BackgroundPace pace)
    {
        pace.Step();
        if (!batches.MoveNext()) return false;
        for (var i = 0; i < batches.Current.Count; i++)
        {
            if (i % 32 == 0) pace.Step();
            counts.Add(batches.Current[i]);
        }
        return true;
    }

    /// <summary>A suggestion's first title: its three most telling words.</summary>
    public static string TitleFrom(IReadOnlyList<string> terms)
    {
        var title = string.Join(", ", terms.Take(3));
        return title.Length >= ThemeIdeas.TitleMin ? char.ToUpperInvariant(title[0]) + title[1..] : "Suggested theme";
    }

    public async Task<Outcome<IdeaTheme>> AcceptAsync(TenantDefinition tenant, long actorId, long id, string? title, CancellationToken ct = default)
    {
        var open = await OpenAsync(tenant.Id, id, ct);
        if (!open.Succeeded) return open.Error!;
        var suggestion = open.Value!;
        var challenge = await challenges.FindByIdAsync(tenant.Id, suggestion.ChallengeId, ct);
        var created = await theming.CreateThemeAsync(tenant, actorId, challenge?.Slug, new GroupText(title ?? suggestion.Title, Summary(suggestion)), ct);
        if (!created.Succeeded) return created.Error!;
        var themeId = created.Value!.Id;
        // Ideas merged or taken down since the run are no longer in the challenge's lists: they stay out of the theme.
        foreach (var ideaId in suggestion.IdeaIds) await theming.AddIdeaAsync(tenant, actorId, themeId, ideaId, ct);
        await store.DecideAsync(tenant.Id, id, SuggestionState.Accepted, themeId, ct);
        await audit.AuditAsync(tenant.Id, actorId, "theme-suggestion.accepted", $"suggestion {id}", $"as theme {themeId}", clock.GetUtcNow(), ct);
        return (await themes.FindThemeAsync(tenant.Id, themeId, ct))!;
    }

    public async Task<Outcome<ThemeSuggestion>> RenameAsync(TenantDefinition tenant, long actorId, long id, string? title, CancellationToken ct = default)
    {
        if (TextRules.Check("title", title, ThemeIdeas.TitleMin, ThemeIdeas.TitleMax, out var trimmed) is { } invalid) return invalid;
        var open = await OpenAsync(tenant.Id, id, ct);
        if (!open.Succeeded) return open.Error!;
        await store.RenameAsync(tenant.Id, id, trimmed, ct);
        await audit.AuditAsync(tenant.Id, actorId, "theme-suggestion.renamed", $"suggestion {id}", $"“{open.Value!.Title}” → “{trimmed}”", clock.GetUtcNow(), ct);
        return (await store.FindAsync(tenant.Id, id, ct))!;
    }

    /// <summary>Brings <paramref name="otherId"/>'s ideas into <paramref name="intoId"/>, which keeps its title; the other is gone.</summary>
    public async Task<Outcome<ThemeSuggestion>> MergeAsync(TenantDefinition tenant, long actorId, long intoId, long? otherId, CancellationToken ct = default)
    {
        if (otherId is null || otherId == intoId) return Error.Invalid("other", "Choose another suggestion to merge into this one.").Keyed("admin.suggestions.choose-other");
        var into = await OpenAsync(tenant.Id, intoId, ct);
        if (!into.Succeeded) return into.Error!;
        var other = await OpenAsync(tenant.Id, otherId.Value, ct);
        if (!other.Succeeded) return other.Error! with { Field = "other" };
        if (other.Value!.ChallengeId != into.Value!.ChallengeId) return Error.Invalid("other", "Only suggestions for the same challenge can be merged.").Keyed("admin.suggestions.other-challenge");
        var terms = into.Value.TopTerms.Concat(other.Value.TopTerms).Distinct().ToList();
        var ideas = into.Value.IdeaIds.Concat(other.Value.IdeaIds).Distinct().ToList();
        await store.MergeAsync(tenant.Id, intoId, otherId.Value, terms, ideas, ct);
        await audit.AuditAsync(tenant.Id, actorId, "theme-suggestion.merged", $"suggestion {otherId}", $"into suggestion {intoId}", clock.GetUtcNow(), ct);
        return (await store.FindAsync(tenant.Id, intoId, ct))!;
    }

    public async Task<Outcome<ThemeSuggestion>> RejectAsync(TenantDefinition tenant, long actorId, long id, CancellationToken ct = default)
    {
        var open = await OpenAsync(tenant.Id, id, ct);
        if (!open.Succeeded) return open.Error!;
        await store.DecideAsync(tenant.Id, id, SuggestionState.Rejected, null, ct);
        await audit.AuditAsync(tenant.Id, actorId, "theme-suggestion.rejected", $"suggestion {id}", $"“{open.Value!.Title}”", clock.GetUtcNow(), ct);
        return (await store.FindAsync(tenant.Id, id, ct))!;
    }

    // Reading the texts counts as a run's first tenth and saving as its last twentieth; the clustering's own progress fills the rest.
    private sealed class Within(IProgress<SuggestionProgress>? outer, double from, double to) : IProgress<SuggestionProgress>
    {
        public void Report(SuggestionProgress value) => outer?.Report(value with { Done = from + (to - from) * value.Done });
    }

    private static string Summary(ThemeSuggestion suggestion) => "Suggested from the words: " + string.Join(", ", suggestion.TopTerms.Take(12)) + ".";

    private async Task<Outcome<ThemeSuggestion>> OpenAsync(string tenantId, long id, CancellationToken ct)
    {
        var suggestion = await store.FindAsync(tenantId, id, ct);
        if (suggestion is null) return new Error(ErrorKind.NotFound, $"Suggestion {id} was not found on this site.", "suggestion").Keyed("admin.suggestions.not-found", id);
        if (suggestion.State != SuggestionState.Open)
            return new Error(ErrorKind.Conflict, $"The suggestion “{suggestion.Title}” was already {suggestion.State.ToString().ToLowerInvariant()}.", "suggestion")
                .Keyed(suggestion.State == SuggestionState.Accepted ? "admin.suggestions.already-accepted" : "admin.suggestions.already-rejected", suggestion.Title);
        return suggestion;
    }
}
