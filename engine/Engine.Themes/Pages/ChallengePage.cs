namespace Engine.Themes.Pages;

/// <summary>challenge: a challenge and one page of its ideas.</summary>
/// <param name="Total">How many ideas the challenge has in all.</param>
/// <param name="Allowance">What the voting rule says the member has left ("You have 3 of 10 votes left"), or null.</param>
/// <param name="Follow">Null for visitors.</param>
/// <param name="ThemedUrl">The challenge's themes and big ideas, once the team has themed it; else null.</param>
/// <param name="Filters">The filters over its ideas (status, category, answers, official response).</param>
public sealed record ChallengePage(PageFrame Frame, ChallengeView Challenge, IReadOnlyList<IdeaView> Ideas, int Total, [property: Personal] string? Allowance,
    IReadOnlyList<SortTab> Sorts, PaginationView Pagination, [property: Personal] FollowView? Follow, StatsView Stats, string? ThemedUrl,
    FilterView? Filters = null) : IPage;
