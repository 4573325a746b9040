namespace Engine.Themes.Pages;

/// <summary>A link to another page: a big idea, for one.</summary>
public sealed record LinkView(string Title, string Url);
