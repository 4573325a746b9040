namespace Engine.Themes.Pages;

/// <summary>big-ideas: a challenge's big ideas and themes.</summary>
public sealed record BigIdeasPage(PageFrame Frame, ChallengeView Challenge, IReadOnlyList<BigIdeaView> BigIdeas, IReadOnlyList<IdeaThemeView> Themes) : IPage;
