namespace Engine.Themes.Pages;

/// <summary>big-idea: a big idea with its themes and every source idea.</summary>
/// <param name="SourceCountLabel">"5 source ideas".</param>
/// <param name="OverviewUrl">The challenge's themes and big ideas.</param>
public sealed record BigIdeaPage(PageFrame Frame, ChallengeView Challenge, BigIdeaView BigIdea, IReadOnlyList<IdeaThemeView> Themes,
    string SourceCountLabel, string OverviewUrl) : IPage;
