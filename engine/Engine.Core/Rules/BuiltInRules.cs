using Engine.Sdk;

namespace Engine.Core.Rules;

/// <summary>
/// What a site gets when it chooses no voting rule: thumbs up, and down where switched on,
/// ranked by net score. Lets the engine run with no plugins at all.
/// </summary>
public sealed class BuiltInVoting : IVotingRule
{
    public static readonly BuiltInVoting Instance = new();

    public VoteDecision Decide(VoteRequest request) => request.Value switch
    {
        1 => VoteDecision.Accepted,
        -1 when request.DownVotesAllowed => VoteDecision.Accepted,
        -1 => VoteDecision.Refused("This site does not use thumbs-down votes."),
        _ => VoteDecision.Refused($"A vote must be 1 (up) or -1 (down), not {request.Value}."),
    };

    public double TopScore(IdeaTally idea) => idea.Up - idea.Down;

    public bool UsesMemberVotes => false;

    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => Trending.Score(idea, now);
}

/// <summary>
/// What a site gets when it chooses no anonymity policy: where the site allows it, an author may
/// post anonymously to the public, with the link kept for an audited reveal.
/// </summary>
public sealed class BuiltInAnonymity : IAnonymityPolicy
{
    public static readonly BuiltInAnonymity Instance = new();

    public AnonymityDecision Decide(AnonymityRequest request) => (request.AuthorAskedForAnonymity, request.TenantAllowsAnonymity) switch
    {
        (false, _) => AnonymityDecision.StoreAs(AuthorStorage.Named),
        (true, true) => AnonymityDecision.StoreAs(AuthorStorage.AnonymousToPublic),
        (true, false) => AnonymityDecision.Refused("This site does not allow anonymous posting."),
    };
}
