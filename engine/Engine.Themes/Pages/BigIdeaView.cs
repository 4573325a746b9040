namespace Engine.Themes.Pages;

/// <summary>A big idea: what the team made of a challenge's themes.</summary>
/// <param name="DescriptionHtml">Its description as sanitised HTML: on its own page only, and null when it has none.</param>
/// <param name="ThemeCountLabel">"2 themes".</param>
public sealed record BigIdeaView(long Id, string Title, string? Summary, Html? DescriptionHtml, string Url, string ThemeCountLabel);
