namespace Engine.Themes.Pages;

/// <summary>search: the search form and, once searched, the ideas found.</summary>
/// <param name="Query">The words asked for, or null.</param>
/// <param name="Searched">Words were asked for (the results show, or the error).</param>
/// <param name="Challenges">The challenges to narrow the search to.</param>
/// <param name="Results">Empty until searched.</param>
/// <param name="TotalLabel">"12 ideas found"; null until searched.</param>
/// <param name="Pagination">Null unless the results fill more than one page.</param>
public sealed record SearchPage(PageFrame Frame, string? Query, bool Searched, IReadOnlyList<ChallengeOption> Challenges,
    FieldErrors Errors, IReadOnlyList<SearchResult> Results, string? TotalLabel, PaginationView? Pagination) : IPage;

/// <param name="Selected">The challenge the search is narrowed to.</param>
public sealed record ChallengeOption(string Slug, string Title, bool Selected);

/// <param name="ChallengeTitle">The title of the idea's challenge.</param>
public sealed record SearchResult(IdeaView Idea, string? ChallengeTitle);
