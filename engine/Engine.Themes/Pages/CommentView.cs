namespace Engine.Themes.Pages;

/// <summary>A comment, with its replies (one level deep: a reply has none).</summary>
/// <param name="AuthorName">Null when posted anonymously, or imported from an offline session.</param>
/// <param name="Source">Where an imported comment came from, shown instead of an author.</param>
/// <param name="Ago">"2 hours ago"; <paramref name="CreatedAt"/> is the ISO 8601 time.</param>
/// <param name="Official">The team's official response.</param>
/// <param name="Edited">Set when its author changed it after posting ("edited").</param>
/// <param name="EditUrl">The reader's own comment, still inside the site's edit window: where its edit form is.</param>
/// <param name="Lang">The language it was written in, for a <c>lang</c> attribute on its body; null when not recorded.</param>
public sealed record CommentView(long Id, Html BodyHtml, string? AuthorName, bool Anonymous, string? Source, string Ago, string CreatedAt,
    bool Official, IReadOnlyList<CommentView> Replies, EditedView? Edited = null, string? EditUrl = null, string? Lang = null);

/// <summary>"Edited 5 minutes ago": <paramref name="At"/> is the ISO 8601 time.</summary>
public sealed record EditedView(string Ago, string At);
