namespace Engine.Core.Challenges;

public enum ChallengeState { Draft, Open, Closed, Archived }

public sealed record Challenge(
    string TenantId,
    long Id,
    string Slug,
    string Title,
    string Description,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    ChallengeState State,
    int Position,
    int IdeaCount)
{
    /// <summary>Who may see it: <see cref="Audience.Everyone"/> unless tenant.json or an admin made it private.</summary>
    public Audience Audience { get; init; } = Audience.Everyone;

    /// <summary>
    /// The state people see: an open challenge closes by itself at <see cref="ClosesAt"/>, and one
    /// scheduled to open later is still a draft until <see cref="OpensAt"/>.
    /// </summary>
    public ChallengeState StateAt(DateTimeOffset now) => State switch
    {
        ChallengeState.Open when OpensAt is { } opens && now < opens => ChallengeState.Draft,
        ChallengeState.Open when ClosesAt is { } closes && now >= closes => ChallengeState.Closed,
        _ => State,
    };

    public bool IsVisibleAt(DateTimeOffset now) => StateAt(now) is ChallengeState.Open or ChallengeState.Closed;

    public bool AcceptsContributionsAt(DateTimeOffset now) => StateAt(now) == ChallengeState.Open;
}
