using Engine.Sdk;

namespace Engine.Plugins.ApprovalQuorum;

/// <summary>
/// Approval voting with a quorum: each member gives an idea one up-vote or none, and an idea that gathers
/// <paramref name="quorum"/> votes is shortlisted. The label tells everyone how far each idea has to go.
/// </summary>
public sealed class ApprovalQuorumRule(int quorum) : IVotingRule
{
    public VoteDecision Decide(VoteRequest request) => request.Value == 1
        ? VoteDecision.Accepted
        : VoteDecision.Refused(new PluginText("single-up-vote"));

    // Each vote stands alone: the engine need not read the member's other votes.
    public bool UsesMemberVotes => false;

    public double TopScore(IdeaTally idea) => idea.Up;

    /// <summary>
    /// Votes, then comments (more discussed first), then the earlier idea first: of two ideas with the same votes, the
    /// older one reached that count first. The engine's own tie-break (newer first) is never needed but for ideas posted
    /// in the same millisecond.
    /// </summary>
    public RankKey TopKey(IdeaTally idea) => RankKey.By(idea.Up).ThenBy(idea.Comments).ThenBy(-idea.CreatedAt.ToUnixTimeMilliseconds());

    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => Trending.Score(idea, now);

    // Worded from locales/ in each reader's language: "Shortlisted", "Needs 3 more votes".
    public PluginText? LabelText(IdeaTally idea)
    {
        var needed = quorum - idea.Up;
        return needed <= 0 ? new PluginText("shortlisted") : new PluginText("needs-more-votes", needed);
    }
}
