namespace Engine.Sdk;

/// <summary>
/// Told what happened on a site (SDK 1.3), after it was committed: an idea posted or approved, a comment posted, a vote
/// cast, an idea's status changed, a challenge opened or closed. The engine delivers each event at least once, in order
/// per idea (and per challenge), from a durable outbox; a handler that throws or overruns its time budget is called again
/// later with the same event, backing off, so make handling an event twice harmless (<see cref="SiteEvent.Id"/> is the
/// same each time). Events carry no more about an author than the site shows the public, and nothing about a private challenge
/// (one not everyone may see) is told at all: not its ideas, their comments and votes, nor its opening and closing.
/// </summary>
public interface IEventHandler
{
    void Handle(SiteEvent e);
}

/// <summary>The kinds of <see cref="SiteEvent"/>, as <see cref="SiteEvent.Kind"/> names them.</summary>
public static class EventKinds
{
    public const string IdeaPosted = "idea.posted";
    public const string IdeaApproved = "idea.approved";
    public const string CommentPosted = "comment.posted";
    public const string VoteCast = "vote.cast";
    public const string StatusChanged = "idea.status-changed";
    public const string ChallengeOpened = "challenge.opened";
    public const string ChallengeClosed = "challenge.closed";

    public static readonly IReadOnlyList<string> All = [IdeaPosted, IdeaApproved, CommentPosted, VoteCast, StatusChanged, ChallengeOpened, ChallengeClosed];
}

/// <summary>
/// One thing that happened. Events about an idea (and its comments and votes) share the idea's stream, <c>idea/{id}</c>;
/// a challenge's opening and closing are in <c>challenge/{id}</c>. <see cref="Sequence"/> counts from 1 in its stream, in
/// the order the changes were committed, and a stream's events are delivered in that order.
/// </summary>
public sealed record SiteEvent
{
    public required string Kind { get; init; }
    public required string TenantId { get; init; }
    public required string Stream { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>The same for every delivery of this event: what a handler that must not act twice remembers.</summary>
    public string Id => $"{TenantId}/{Stream}/{Sequence}";

    public long? ChallengeId { get; init; }
    public long? IdeaId { get; init; }
    public long? CommentId { get; init; }
    /// <summary>The idea's (or challenge's) title, where the event is about one.</summary>
    public string? Title { get; init; }
    /// <summary>The author's public name; null when they posted anonymously (or the event has no author).</summary>
    public string? Author { get; init; }
    /// <summary>vote.cast: the member's vote now (0 when they took it back), and the idea's counts after it. Never who voted.</summary>
    public int? Value { get; init; }
    public int? Up { get; init; }
    public int? Down { get; init; }
    /// <summary>idea.status-changed: the new status (such as "under-review") and the team's public note.</summary>
    public string? Status { get; init; }
    public string? Note { get; init; }
}
