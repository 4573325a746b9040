using Engine.Core.Ideas;

namespace Engine.Web.Api;

/// <summary>An idea as the API lists it: in a challenge's page of ideas and in search results.</summary>
/// <param name="Label">What the site's voting rule says of it ("Shortlisted"), the same for everyone; null for nothing.</param>
/// <param name="Language">The language it was written in (a culture such as cy-GB); null if written before languages were recorded.</param>
/// <param name="Category">The category its author picked from the challenge's, or null.</param>
/// <param name="Fields">Its author's answers to the challenge's extra fields, by key; empty for an anonymous idea, whose answers describe its author.</param>
public sealed record IdeaSummary(long Id, string Title, AuthorResponse? Author, bool Anonymous, int Up, int Down,
    int CommentCount, IdeaStatus Status, DateTimeOffset CreatedAt, string? Source = null, DateTimeOffset? EditedAt = null, string? Label = null,
    string? Language = null, string? Category = null, IReadOnlyDictionary<string, string>? Fields = null)
{
    public static IdeaSummary Of(Idea i, string? label) => new(i.Id, i.Title, AuthorResponse.Of(i.Author),
        i.Anonymous, i.Up, i.Down, i.CommentCount, i.Status, i.CreatedAt, i.Source, i.EditedAt, label, i.Language,
        i.Answers.Category, i.Answers.Shown(i.Anonymous).Values);
}

public sealed record AuthorResponse(string DisplayName)
{
    /// <summary>Null for an anonymous contribution: the API has nothing to say about who wrote it.</summary>
    public static AuthorResponse? Of(AuthorView? author) => author is null ? null : new AuthorResponse(author.DisplayName);
}
