using Engine.Sdk;

namespace Engine.Plugins.Budget;

/// <summary>
/// Each member has a fixed number of up-votes per challenge, so they must choose the ideas that
/// matter most to them rather than up-voting everything.
/// </summary>
public sealed class BudgetRule(int votes) : IVotingRule
{
    public VoteDecision Decide(VoteRequest request)
    {
        if (request.Value != 1)
            return VoteDecision.Refused(new PluginText("single-up-vote"));

        // Voting again for an idea they already back replaces that vote; it does not spend another.
        if (request.Member.ValueFor(request.IdeaId) > 0)
            return VoteDecision.Accepted;

        return Used(request.Member) < votes
            ? VoteDecision.Accepted
            : VoteDecision.Refused(new PluginText("votes-used", votes));
    }

    // Worded from locales/ in the member's language: "3 of 5 votes left".
    public PluginText? AllowanceText(MemberVotes member)
    {
        var left = Math.Max(0, votes - Used(member));
        return left == 0 ? new PluginText("no-votes-left") : new PluginText("votes-left", left, votes);
    }

    public double TopScore(IdeaTally idea) => idea.Up;

    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => Trending.Score(idea, now);

    private static int Used(MemberVotes member) => member.ByIdea.Values.Count(value => value > 0);
}
