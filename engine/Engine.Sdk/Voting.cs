namespace Engine.Sdk;

/// <summary>
/// Decides which votes are allowed and how ideas rank. Pure: the engine hands in snapshots and
/// stores the outcome; a rule never sees the database.
/// </summary>
public partial interface IVotingRule
{
    /// <summary>May this member cast this vote? The engine then records it (replacing their earlier vote on the idea).</summary>
    VoteDecision Decide(VoteRequest request);

    /// <summary>The score that orders ideas under "top": higher first.</summary>
    double TopScore(IdeaTally idea);

    /// <summary>The score that orders ideas under "trending": higher first.</summary>
    double TrendingScore(IdeaTally idea, DateTimeOffset now);

    /// <summary>What to tell the member about their allowance ("3 of 5 votes left"), or null for nothing.</summary>
    string? Allowance(MemberVotes votes) => null;

    /// <summary>
    /// The allowance as a text from the plugin's catalogues, worded in the member's language (SDK 1.4). The default is
    /// <see cref="Allowance"/> as written, so a rule built against SDK 1.3 shows its own English text as it always did.
    /// </summary>
    PluginText? AllowanceText(MemberVotes votes) => Allowance(votes) is { } text ? new PluginText(text) : null;

    /// <summary>
    /// A short label the idea shows on its card, its page and in the API ("Shortlisted", "Needs 3 more votes"), or null
    /// for none (SDK 1.2). Worked out from the idea's tally alone, so every reader sees the same label.
    /// </summary>
    string? Label(IdeaTally idea) => null;

    /// <summary>
    /// The label as a text from the plugin's catalogues, worded in each reader's language (SDK 1.4). The default is
    /// <see cref="Label"/> as written, so a rule built against SDK 1.3 shows its own English label as it always did.
    /// </summary>
    PluginText? LabelText(IdeaTally idea) => Label(idea) is { } text ? new PluginText(text) : null;

    /// <summary>
    /// Whether <see cref="Decide"/> or <see cref="Allowance"/> looks at the member's other votes. A rule
    /// that never does (plain thumbs) says false, and the engine then skips reading them on every vote,
    /// passing <see cref="MemberVotes.None"/>. The default, true, is always correct.
    /// </summary>
    bool UsesMemberVotes => true;
}

/// <param name="IdeaId">The idea being voted on.</param>
/// <param name="Value">What the member sent: 1 or -1 for thumbs, points for a points rule.</param>
/// <param name="DownVotesAllowed">Whether the tenant (or challenge) has thumbs-down switched on.</param>
/// <param name="Member">The member's votes in this idea's challenge before this one.</param>
public sealed record VoteRequest(long IdeaId, int Value, bool DownVotesAllowed, MemberVotes Member);

/// <summary>A member's current votes within one challenge: idea id to the value they gave.</summary>
public sealed record MemberVotes(IReadOnlyDictionary<long, int> ByIdea)
{
    public static readonly MemberVotes None = new(new Dictionary<long, int>());
    public int ValueFor(long ideaId) => ByIdea.TryGetValue(ideaId, out var v) ? v : 0;
}

/// <summary>An idea's totals: <see cref="Up"/> sums positive vote values, <see cref="Down"/> the size of negative ones.</summary>
public sealed record IdeaTally(long IdeaId, int Up, int Down, int Voters, int Comments, DateTimeOffset CreatedAt);

public abstract record VoteDecision
{
    private VoteDecision() { }
    public sealed record Accept : VoteDecision;
    /// <param name="Reason">Shown to the member as written; with <see cref="Text"/>, the engine's English wording of it.</param>
    public sealed record Refuse(string Reason) : VoteDecision
    {
        /// <summary>The refusal as a key in the plugin's catalogues, worded in the member's language (SDK 1.4); null: <see cref="Reason"/> as written.</summary>
        public PluginText? Text { get; init; }
    }

    public static readonly VoteDecision Accepted = new Accept();
    public static VoteDecision Refused(string reason) => new Refuse(reason);
    /// <summary>Refused with a text from the plugin's catalogues, in the member's language (SDK 1.4).</summary>
    public static VoteDecision Refused(PluginText text) => new Refuse(text.Key) { Text = text };
}
