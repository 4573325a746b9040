namespace Engine.Themes.Pages;

/// <summary>A comment, with its replies (one level deep: a reply has none).</summary>
/// <param name="AuthorName">Null when posted anonymously, or imported from an offline session.</param>
/// <param name="Source">Where an imported comment came from, shown instead of an author.</param>
/// <param name="Ago">"2 hours ago"; <paramref name="CreatedAt"/> is the ISO 8601 time.</param>
/// <param name="Official">The team's official response.</param>
public sealed record CommentView(long Id, Html BodyHtml, string? AuthorName, bool Anonymous, string? Source, string Ago, string CreatedAt,
    bool Official, IReadOnlyList<CommentView> Replies);
