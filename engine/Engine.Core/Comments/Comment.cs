using Engine.Core.Common;
using Engine.Core.Ideas;

namespace Engine.Core.Comments;

/// <summary>A comment on an idea; replies are one level deep (<see cref="ParentId"/> is a top-level comment).</summary>
public sealed record Comment(
    long Id,
    long IdeaId,
    long? ParentId,
    string Body,
    AuthorView? Author,
    bool Anonymous,
    DateTimeOffset CreatedAt);

public sealed record NewComment(string Body, long? ParentId);

public static class CommentRules
{
    public const int BodyMax = 5_000;

    public static Outcome<NewComment> Validate(string? body, long? parentId)
    {
        if (TextRules.Check("body", body, 1, BodyMax, out var b) is { } error) return error;
        if (parentId is <= 0) return Error.Invalid("parentId", "parentId must be the id of a comment on this idea.");
        return new NewComment(b, parentId);
    }
}
