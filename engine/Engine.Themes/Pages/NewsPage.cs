namespace Engine.Themes.Pages;

/// <summary>news: the site's published updates, newest first.</summary>
/// <param name="FeedUrl">The Atom feed.</param>
public sealed record NewsPage(PageFrame Frame, IReadOnlyList<NewsPostView> Posts, string FeedUrl) : IPage;
