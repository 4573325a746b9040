using Engine.Sdk;

namespace Engine.Plugins.Thumbs;

/// <summary>
/// Thumbs with a shortlist: votes and ranking as <see cref="ThumbsRule"/>, and each idea labelled "Shortlisted" once it
/// has <paramref name="shortlistAt"/> thumbs-up, or with how many more it needs. A class of its own so that a site without
/// a shortlist keeps plain thumbs, which the engine never asks for labels.
/// </summary>
public sealed class ShortlistThumbsRule(int shortlistAt) : IVotingRule
{
    private readonly ThumbsRule _thumbs = new();

    public VoteDecision Decide(VoteRequest request) => _thumbs.Decide(request);

    public bool UsesMemberVotes => false;

    public double TopScore(IdeaTally idea) => _thumbs.TopScore(idea);

    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => _thumbs.TrendingScore(idea, now);

    // Worded from locales/ in each reader's language: "Shortlisted", "Needs 3 more votes".
    public PluginText? LabelText(IdeaTally idea)
    {
        var needed = shortlistAt - idea.Up;
        return needed <= 0 ? new PluginText("shortlisted") : new PluginText("needs-more-votes", needed);
    }
}
