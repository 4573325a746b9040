using Engine.Sdk;

namespace MyRule;

/// <summary>
/// Thumbs-up only. Top ranks ideas by their thumbs-up; trending counts each thumbs-up for half as
/// much every <paramref name="halfLifeHours"/> hours after the idea was posted.
/// </summary>
/// <remarks>
/// A rule is a pure function of what the engine hands it: no database, no files, no network, no
/// clock but the <c>now</c> it is given. It must answer well within a second.
/// </remarks>
public sealed class MyRuleRule(int halfLifeHours) : IVotingRule
{
    public VoteDecision Decide(VoteRequest request) => request.Value == 1
        ? VoteDecision.Accepted
        : VoteDecision.Refused("Only thumbs-up votes count here: vote 1, or take your vote back.");

    public double TopScore(IdeaTally idea) => idea.Up;

    public double TrendingScore(IdeaTally idea, DateTimeOffset now)
    {
        // A clock a little behind the database must not give a new idea a negative age.
        var hours = Math.Max(0, (now - idea.CreatedAt).TotalHours);
        return idea.Up * Math.Pow(0.5, hours / halfLifeHours);
    }
}
