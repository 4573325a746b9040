namespace Engine.Themes.Pages;

/// <summary>message: a heading and a sentence (not found, thank you, please slow down ...).</summary>
public sealed record MessagePage(PageFrame Frame, string Heading, string Text) : IPage;
