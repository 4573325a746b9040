using Engine.Sdk;

namespace Engine.Plugins.Points;

/// <summary>
/// Each member spreads a fixed number of points over the ideas in a challenge, so they can say
/// how much they care about each one, not just whether they like it.
/// </summary>
public sealed class PointsRule(int points) : IVotingRule
{
    public VoteDecision Decide(VoteRequest request)
    {
        if (request.Value < 1)
            return VoteDecision.Refused(new PluginText("at-least-one"));

        // The new value replaces the points already on this idea, so only the other ideas count.
        var available = points - Spent(request.Member, except: request.IdeaId);
        if (request.Value <= available)
            return VoteDecision.Accepted;

        return available <= 0
            ? VoteDecision.Refused(new PluginText("none-left", points))
            : VoteDecision.Refused(new PluginText("too-many", available, points));
    }

    // Worded from locales/ in the member's language: "4 of 10 points left".
    public PluginText? AllowanceText(MemberVotes member) => new("points-left", Math.Max(0, points - Spent(member)), points);

    public double TopScore(IdeaTally idea) => idea.Up;

    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => Trending.Score(idea, now);

    private static int Spent(MemberVotes member, long? except = null) =>
        member.ByIdea.Where(vote => vote.Key != except && vote.Value > 0).Sum(vote => vote.Value);
}
