namespace Engine.Core.Stats;

/// <summary>
/// Headline numbers, as <see cref="Numbers"/> defines them: each person counted once however they took part;
/// an interaction is one idea, one comment or one vote.
/// Ideas and comments imported from offline sessions count as ideas and comments, and also on their own
/// (<see cref="ImportedIdeas"/>, <see cref="ImportedComments"/>, from <see cref="Sources"/> sessions).
/// </summary>
public sealed record SiteStats(int People, int Ideas, int Comments, int Votes, int ImportedIdeas = 0, int ImportedComments = 0, int Sources = 0)
{
    public int Interactions => Ideas + Comments + Votes;

    public static SiteStats None { get; } = new(0, 0, 0, 0);
}

/// <summary>One day's numbers (a day in the site's time zone). <see cref="NewPeople"/> took part for the first time that day.</summary>
public sealed record DayNumbers(DateOnly Day, int Ideas, int Comments, int Votes, int People, int NewPeople)
{
    public int Interactions => Ideas + Comments + Votes;
}

public enum ContributionKind { Idea, Comment, Vote }

/// <summary>
/// One counted idea, comment or vote, with who made it: <see cref="MemberId"/> when the engine knows the member
/// (named, or anonymous to the public), otherwise only the fully anonymous author's <see cref="AuthorKey"/>.
/// </summary>
public sealed record Contribution(ContributionKind Kind, long ChallengeId, DateTimeOffset At, long? MemberId, string? AuthorKey);

/// <summary>Who took part, once per distinct (member, key) pair: the input of <see cref="Numbers.People"/>.</summary>
public sealed record Participant(long? MemberId, string? AuthorKey);
