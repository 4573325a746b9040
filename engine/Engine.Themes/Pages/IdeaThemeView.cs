namespace Engine.Themes.Pages;

/// <summary>A theme: ideas of a challenge the team grouped together.</summary>
/// <param name="BigIdea">The big idea it became part of, or null (always null on a big idea's own page).</param>
public sealed record IdeaThemeView(long Id, string Title, string? Summary, LinkView? BigIdea, IReadOnlyList<IdeaView> Ideas);
