using Engine.Sdk;

namespace Engine.Plugins.Thumbs;

/// <summary>Thumbs up (1) and, where the site switches it on, thumbs down (-1).</summary>
public sealed class ThumbsRule : IVotingRule
{
    // 95% confidence.
    private const double Z = 1.96;

    public VoteDecision Decide(VoteRequest request) => request.Value switch
    {
        1 => VoteDecision.Accepted,
        -1 when request.DownVotesAllowed => VoteDecision.Accepted,
        -1 => VoteDecision.Refused(new PluginText("no-down-votes")),
        _ => VoteDecision.Refused(new PluginText("up-or-down")),
    };

    // Each vote stands alone: the engine need not read the member's other votes.
    public bool UsesMemberVotes => false;

    /// <summary>
    /// The lower bound of the Wilson score interval: an idea with 9 up and 1 down outranks one with
    /// a single up-vote, because we can be surer that most people like it.
    /// </summary>
    public double TopScore(IdeaTally idea)
    {
        double n = idea.Up + idea.Down;
        if (n == 0) return 0;
        var p = idea.Up / n;
        var z2 = Z * Z;
        return (p + z2 / (2 * n) - Z * Math.Sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
    }

    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => Trending.Score(idea, now);
}
