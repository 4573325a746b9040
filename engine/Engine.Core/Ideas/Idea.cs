namespace Engine.Core.Ideas;

/// <summary>
/// An idea as the public sees it. <see cref="Author"/> is null when the idea was posted
/// anonymously: the public model never carries who wrote it. <see cref="MergedInto"/> is the idea a duplicate
/// was merged into: such an idea is left out of lists and takes no more votes or comments.
/// <see cref="Source"/> is set on an idea imported from an offline session ("From Connect session, 12 May 2026,
/// facilitated by …"), shown in place of an author; such an idea has no author. <see cref="EditedAt"/> is when its
/// author last changed it ("edited"), null if never. <see cref="Language"/> is the language it was written in (a culture
/// such as cy-GB), null for an idea written before ideas recorded their language.
/// </summary>
public sealed record Idea(
    long Id,
    long ChallengeId,
    string ChallengeSlug,
    string Title,
    string Body,
    AuthorView? Author,
    bool Anonymous,
    IdeaStatus Status,
    int Up,
    int Down,
    int CommentCount,
    DateTimeOffset CreatedAt,
    string? StatusNote = null,
    long? MergedInto = null,
    string? Source = null,
    DateTimeOffset? EditedAt = null,
    int Voters = 0,
    string? Language = null)
{
    public int Score => Up - Down;

    /// <summary>What its author answered on the challenge's idea form: the category and extra fields (none before forms had them).</summary>
    public IdeaForms.IdeaAnswers Answers { get; init; } = IdeaForms.IdeaAnswers.None;

    /// <summary>Its totals as a voting rule sees them.</summary>
    public Sdk.IdeaTally Tally => new(Id, Up, Down, Voters, CommentCount, CreatedAt);
}

public sealed record AuthorView(string DisplayName);

/// <summary>The programme's roadmap for an idea, from submission to spread.</summary>
public enum IdeaStatus { Submitted, UnderReview, Themed, Shortlisted, Prototyping, Testing, ScaleAndSpread, NotTakenForward }

/// <summary>An idea to add; <see cref="Language"/> is the culture it is written in (null: not recorded).</summary>
public sealed record NewIdea(string Title, string Body, string? Language = null)
{
    /// <summary>The category and extra fields answered on the challenge's idea form, already checked against it.</summary>
    public IdeaForms.IdeaAnswers Answers { get; init; } = IdeaForms.IdeaAnswers.None;

    /// <summary>The images posted with it (already read, copied and judged), written in the same transaction as the idea.</summary>
    public IReadOnlyList<Images.NewIdeaImage> Images { get; init; } = [];
}

public sealed record IdeaPage(IReadOnlyList<Idea> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The filter asked for answers given by fewer people than the small-group rule allows, so no idea is listed.</summary>
    public bool Withheld { get; init; }
}
