namespace Engine.Themes.Pages;

/// <summary>edit: the form where members change their own idea (title and text) or comment (text).</summary>
/// <param name="IsIdea">An idea, with a title; else a comment.</param>
/// <param name="Window">How long the site lets it be edited: "until-first-reaction" or "minutes" (then <paramref name="Minutes"/>).</param>
/// <param name="BackUrl">The idea's page (at the comment, for a comment).</param>
public sealed record EditPage(PageFrame Frame, bool IsIdea, EditForm Form, string ActionUrl, string BackUrl, string Window, int Minutes,
    FieldErrors Errors) : IPage
{
    /// <summary>The idea's images, each with its Remove button (none for a comment).</summary>
    public IReadOnlyList<RemovableImageView> Images { get; init; } = new List<RemovableImageView>();
}

/// <summary>The text in the form: the text it has now, or what the member typed when the edit was refused.</summary>
public sealed record EditForm(string? Title, string? Body);
