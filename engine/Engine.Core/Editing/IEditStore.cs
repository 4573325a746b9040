using Engine.Core.Moderation;
using Engine.Sdk;

namespace Engine.Core.Editing;

/// <summary>Who may change a contribution: its author, known by member id, or by their keyed hash when they posted fully anonymously.</summary>
public sealed record Owner(long MemberId, string AuthorKey);

/// <summary>
/// A member's new text for their own contribution, as the moderation rules judged it (<see cref="State"/> Held keeps it off
/// the site until a moderator approves it). <see cref="Title"/> is null for a comment.
/// </summary>
public sealed record NewText(string? Title, string Body, ModerationState State, string? Reason)
{
    /// <summary>Images added to an idea with its new text (already read, copied and judged): written in the same transaction, or neither is.</summary>
    public IReadOnlyList<Images.NewIdeaImage> Images { get; init; } = [];

    /// <summary>Why it is held, keyed, when the rule that held it gave a key (stored beside <see cref="Reason"/>).</summary>
    public HoldText? HoldText { get; init; }
}

/// <summary><see cref="TooManyImages"/>: the idea's images and the new ones would pass <see cref="Images.ImageRules.MaxPerIdea"/>.</summary>
public enum EditResult { Done, NotFound, NotYours, NotPublished, WindowClosed, TooManyImages }

/// <summary>One text a contribution has had, oldest first: the first is the text as posted, the last the text it has now.</summary>
public sealed record ContributionVersion(int Number, string? Title, string Body, DateTimeOffset At);

public interface IEditStore
{
    /// <summary>
    /// Replaces the text of a published contribution of <paramref name="owner"/>'s, if <paramref name="windowClosed"/> (given
    /// the contribution as it is inside the write, so a vote or reply arriving at the same moment is either before or after)
    /// says nothing. Keeps the text it had as a version, and moves the counts when the new text is held. Adds the text's images
    /// in the same transaction, unless they would take the idea past the image limit (counted inside the write): then nothing changes.
    /// </summary>
    Task<(EditResult Result, string? Why)> EditAsync(string tenantId, ContributionKind kind, long id, Owner owner, NewText text,
        Func<EditableState, string?> windowClosed, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>
    /// A moderator's new text for a held contribution (personal data edited out before it is published): kept as a version like
    /// an author's edit, but not marked edited. <see cref="EditResult.NotPublished"/> here means it is not held.
    /// </summary>
    Task<EditResult> EditHeldAsync(string tenantId, ContributionKind kind, long id, string? title, string body, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>The contribution as the edit window judges it, if it is published and <paramref name="owner"/>'s; else null.</summary>
    Task<EditableState?> EditableAsync(string tenantId, ContributionKind kind, long id, Owner owner, CancellationToken ct = default);

    /// <summary>
    /// What of one idea's page is <paramref name="owner"/>'s and published: the idea itself (null if not theirs), and their
    /// comments on it, each as the edit window judges it.
    /// </summary>
    Task<(EditableState? Idea, IReadOnlyDictionary<long, EditableState> Comments)> MineOnIdeaAsync(string tenantId, long ideaId, Owner owner,
        CancellationToken ct = default);

    /// <summary>Every text the contributions had, by id (only those that were edited appear).</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<ContributionVersion>>> VersionsAsync(string tenantId, ContributionKind kind, IReadOnlyList<long> ids,
        CancellationToken ct = default);

    /// <summary>Takes the author's published idea off the site for good, as withdrawn by its author. False if it is not theirs or not published.</summary>
    Task<EditResult> WithdrawAsync(string tenantId, long ideaId, Owner owner, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Whether this idea was withdrawn by its author (its page says so in its place).</summary>
    Task<bool> IsWithdrawnAsync(string tenantId, long ideaId, CancellationToken ct = default);
}
