namespace Engine.Themes.Pages;

/// <summary>A challenge, with its state and dates already put in words.</summary>
/// <param name="State">draft, open, closed or archived.</param>
/// <param name="Closes">"Closes in 3 days", only while it is open and has a closing date.</param>
/// <param name="ClosesOn">"14 December 2026", when it has a closing date.</param>
/// <param name="ClosesAt">The closing time in ISO 8601, for &lt;time datetime&gt;.</param>
/// <param name="IdeaCountLabel">"1 idea", "12 ideas".</param>
public sealed record ChallengeView(string Slug, string Title, string? Description, string State, bool IsOpen, bool IsClosed,
    string? Closes, string? ClosesOn, string? ClosesAt, int IdeaCount, string IdeaCountLabel, string Url, string NewIdeaUrl);
