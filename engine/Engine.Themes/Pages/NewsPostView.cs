namespace Engine.Themes.Pages;

/// <summary>A news update from the site's team.</summary>
/// <param name="PublishedOn">"6 December 2026"; <paramref name="PublishedAt"/> is the ISO 8601 time.</param>
/// <param name="BodyHtml">The update as sanitised HTML: on its own page only, null in the list.</param>
public sealed record NewsPostView(long Id, string Title, string? Summary, string Url, string PublishedOn, string PublishedAt, Html? BodyHtml);
