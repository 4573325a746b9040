namespace Engine.Themes.Pages;

/// <summary>An idea, as a card in a list or on its own page.</summary>
/// <param name="VoteUrl">Where the vote form posts (value 1, -1, or 0 to take the vote back).</param>
/// <param name="Excerpt">The first 200 characters of the body, on one line.</param>
/// <param name="BodyHtml">The whole body as sanitised HTML: on the idea's own page only, null in lists.</param>
/// <param name="AuthorName">Null when posted anonymously, or imported from an offline session.</param>
/// <param name="Source">Where an imported idea came from ("From Connect session, 12 May 2026 ..."), shown instead of an author.</param>
/// <param name="Status">Its stage in words ("Under review"); <paramref name="StatusKey"/> is the same as a CSS-friendly key.</param>
/// <param name="StatusNote">The team's note on its status, if any.</param>
/// <param name="CreatedAgo">"3 days ago"; <paramref name="CreatedAt"/> is the ISO 8601 time.</param>
/// <param name="VotedUp">The signed-in member's vote on it (both false for visitors).</param>
/// <param name="Label">What the site's voting rule says of it ("Shortlisted", "Needs 3 more votes"), the same for every reader; null for nothing.</param>
/// <param name="Lang">The language it was written in (cy-GB), for a <c>lang</c> attribute on its title, excerpt and body, so screen readers
/// read it in that language's voice; null when not recorded (it is then read as the page's).</param>
public sealed record IdeaView(long Id, string Url, string VoteUrl, string Title, string Excerpt, Html? BodyHtml, string? AuthorName,
    bool Anonymous, string? Source, int Up, int Down, int Score, int CommentCount, string CommentCountLabel, string Status,
    string StatusKey, string? StatusNote, string CreatedAgo, string CreatedAt, [property: Personal] bool VotedUp, [property: Personal] bool VotedDown,
    string? Label, string? Lang = null);
