namespace Engine.Themes.Pages;

/// <summary>index: the site's home page.</summary>
public sealed record IndexPage(PageFrame Frame, IReadOnlyList<ChallengeView> OpenChallenges, IReadOnlyList<ChallengeView> ClosedChallenges,
    StatsView Stats) : IPage;
