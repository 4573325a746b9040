namespace Engine.Themes.Pages;

/// <summary>unsubscribe: asks to confirm what an email's unsubscribe link stops.</summary>
/// <param name="Token">The link's token, posted back by the button.</param>
/// <param name="What">What stops, in words ("replies to your ideas and comments").</param>
public sealed record UnsubscribePage(PageFrame Frame, string Token, string What) : IPage;
