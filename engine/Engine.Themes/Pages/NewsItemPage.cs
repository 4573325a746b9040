namespace Engine.Themes.Pages;

/// <summary>news-item: one update.</summary>
/// <param name="NewsUrl">Back to the list.</param>
public sealed record NewsItemPage(PageFrame Frame, NewsPostView Post, string NewsUrl) : IPage;
