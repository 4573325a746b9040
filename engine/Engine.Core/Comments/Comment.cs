using Engine.Core.Common;
using Engine.Core.Ideas;

namespace Engine.Core.Comments;

/// <summary>
/// A comment on an idea; replies are one level deep (<see cref="ParentId"/> is a top-level comment).
/// <see cref="Source"/> is set on a comment imported from an offline session, shown in place of an author.
/// <see cref="EditedAt"/> is when its author last changed it, null if never. <see cref="Language"/> is the language it was
/// written in (a culture such as cy-GB), null for a comment written before comments recorded their language.
/// </summary>
public sealed record Comment(
    long Id,
    long IdeaId,
    long? ParentId,
    string Body,
    AuthorView? Author,
    bool Anonymous,
    DateTimeOffset CreatedAt,
    bool Official = false,
    string? Source = null,
    DateTimeOffset? EditedAt = null,
    string? Language = null);

/// <param name="Official">A response from the site's team, marked as such on the public site.</param>
/// <param name="Language">The culture it is written in (null: not recorded).</param>
public sealed record NewComment(string Body, long? ParentId, bool Official = false, string? Language = null);

public static class CommentRules
{
    public const int BodyMax = 5_000;

    /// <summary>A reply's parentId that is not a comment on the idea replied on.</summary>
    public static readonly Error NotOnThisIdea =
        Error.Invalid("parentId", "parentId must be the id of a comment on this idea.").Keyed("error.parent-not-on-idea");

    public static Outcome<NewComment> Validate(string? body, long? parentId, bool official = false, bool anonymous = false)
    {
        if (TextRules.Check("body", body, 1, BodyMax, out var b) is { } error) return error;
        if (parentId is <= 0) return NotOnThisIdea;
        if (official && anonymous) return Error.Invalid("anonymous", "An official response is given in the team's name, so it cannot be anonymous.").Keyed("error.official-anonymous");
        return new NewComment(b, parentId, official);
    }
}
