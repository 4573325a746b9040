namespace Engine.Plugins.Rules.Tests;

/// <summary>Short ways to build the snapshots the host hands to rules.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A member's votes in one challenge: (idea id, value) pairs.</summary>
    public static MemberVotes Votes(params (long Idea, int Value)[] votes) =>
        new(votes.ToDictionary(vote => vote.Idea, vote => vote.Value));

    public static VoteRequest Vote(long idea, int value, MemberVotes? member = null, bool downVotesAllowed = false) =>
        new(idea, value, downVotesAllowed, member ?? MemberVotes.None);

    public static IdeaTally Tally(int up = 0, int down = 0, int comments = 0, double hoursOld = 0) =>
        new(1, up, down, up + down, comments, Now.AddHours(-hoursOld));

    public static Contribution Idea(string title, string body = "Some text", int approved = 10) =>
        new(ContributionKind.Idea, title, body, Author(approved));

    public static Contribution Comment(string body, int approved = 10) =>
        new(ContributionKind.Comment, null, body, Author(approved));

    public static AuthorHistory Author(int approved, int contributions = 20) =>
        new(Math.Max(contributions, approved), approved, Now.AddYears(-1));

    public static RuleSettings Settings(params (string Name, object Value)[] values) =>
        new(values.ToDictionary(value => value.Name, value => value.Value));
}
