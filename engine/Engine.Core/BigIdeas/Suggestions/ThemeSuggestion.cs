namespace Engine.Core.BigIdeas.Suggestions;

/// <summary>
/// A candidate theme found in a challenge's text, for analysts to accept (it becomes a theme holding its ideas),
/// rename, merge into another or reject. <see cref="IdeaIds"/>: the most typical idea first.
/// </summary>
public sealed record ThemeSuggestion(long Id, long ChallengeId, string Title, IReadOnlyList<string> TopTerms, IReadOnlyList<long> IdeaIds,
    SuggestionState State, long? ThemeId);

public enum SuggestionState { Open, Accepted, Rejected }

/// <summary>How the challenge's latest suggestions were computed, for the page to explain them.</summary>
public sealed record SuggestionRun(long ChallengeId, int Seed, int K, double? Silhouette, int Texts, int Vocabulary, long StartedBy, DateTimeOffset FinishedAt);

public interface IThemeSuggestionStore
{
    /// <summary>How many texts <see cref="Texts"/> gives: the challenge's published ideas not merged into another.</summary>
    Task<int> TextCountAsync(string tenantId, long challengeId, CancellationToken ct = default);
    /// <summary>
    /// Each published idea of the challenge (not merged into another) with its text and that of its published comments, in
    /// batches of at most <paramref name="batchSize"/> ideas in the order of their ids: a large challenge's texts are never all in memory.
    /// Read synchronously, on the caller's thread: the suggestion job reads on its lowest-priority thread, and anything an
    /// asynchronous read queued to the thread pool from there could make the pool start a thread that inherits the lowest
    /// priority for good (Linux threads inherit their creator's nice value), slowing every request it later serves.
    /// </summary>
    IEnumerable<IReadOnlyList<ThemeText>> Texts(string tenantId, long challengeId, int batchSize, CancellationToken ct = default);
    /// <summary>Replaces the challenge's suggestions and run with these, in one transaction.</summary>
    Task ReplaceAsync(string tenantId, SuggestionRun run, IReadOnlyList<(string Title, IReadOnlyList<string> TopTerms, IReadOnlyList<long> IdeaIds)> suggestions, CancellationToken ct = default);
    Task<SuggestionRun?> RunAsync(string tenantId, long challengeId, CancellationToken ct = default);
    Task<IReadOnlyList<ThemeSuggestion>> SuggestionsAsync(string tenantId, long challengeId, CancellationToken ct = default);
    Task<ThemeSuggestion?> FindAsync(string tenantId, long id, CancellationToken ct = default);
    Task RenameAsync(string tenantId, long id, string title, CancellationToken ct = default);
    /// <summary>Moves <paramref name="otherId"/>'s ideas and words into <paramref name="intoId"/> and deletes <paramref name="otherId"/>.</summary>
    Task MergeAsync(string tenantId, long intoId, long otherId, IReadOnlyList<string> topTerms, IReadOnlyList<long> ideaIds, CancellationToken ct = default);
    Task DecideAsync(string tenantId, long id, SuggestionState state, long? themeId, CancellationToken ct = default);
}
