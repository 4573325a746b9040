namespace Engine.Themes.Pages;

/// <summary>contributions: "Your contributions": the member's own ideas and comments, with what moderation decided.</summary>
public sealed record ContributionsPage(PageFrame Frame, IReadOnlyList<ContributionView> Contributions, ContributionCounts Counts) : IPage;

/// <param name="Id">"idea-12" or "comment-40", unique on the page.</param>
/// <param name="Kind">"Idea" or "Comment".</param>
/// <param name="Url">Null unless it is published (on a published idea).</param>
/// <param name="State">published, held, rejected, hidden or withdrawn; <paramref name="StateLabel"/> says it in words.</param>
/// <param name="Reason">Why it was rejected or hidden, or null.</param>
/// <param name="Anonymity">How anonymous it was posted, in words, or null when posted under the member's name.</param>
public sealed record ContributionView(string Id, string Kind, string Title, string Excerpt, string? Url, string State, string StateLabel,
    bool IsPublished, bool IsWaiting, string? Reason, string? Anonymity, string CreatedAgo, string CreatedAt);

/// <param name="Waiting">Waiting for a moderator.</param>
public sealed record ContributionCounts(int Total, int Waiting, int Rejected, int Hidden);
