using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Plugins.Rules;

/// <summary>
/// The host's face of a plugin's voting rule. If the rule fails, the vote is refused with a clear
/// message; ranking falls back to the plain score so the page still shows.
/// </summary>
public sealed class GuardedVotingRule(string pluginId, string name, IVotingRule inner, TimeSpan budget, ILogger logger) : IVotingRule
{
    public string PluginId => pluginId;
    public string Name => name;

    public VoteDecision Decide(VoteRequest request)
    {
        try { return Guard.Run(pluginId, name, budget, logger, () => inner.Decide(request)); }
        catch (RuleFailedException) { return VoteDecision.Refused($"Voting is unavailable right now (the '{name}' rule failed), so your vote was not counted. Please try again later."); }
    }

    // Scores are called once per idea while a page is ranked, so they run inline: the engine puts
    // the time budget around the whole ranking instead, and falls back to its own order if it overruns.
    public double TopScore(IdeaTally idea) => Logged(() => inner.TopScore(idea));

    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => Logged(() => inner.TrendingScore(idea, now));

    private double Logged(Func<double> score)
    {
        try { return score(); }
        catch (Exception e)
        {
            logger.LogError(e, "Plugin {PluginId} rule {Rule} threw {Exception} while ranking", pluginId, name, e.GetType().Name);
            throw;
        }
    }

    // Read once: a rule that cannot say for certain is treated as one that looks (always correct).
    public bool UsesMemberVotes { get; } = Ask(inner);

    private static bool Ask(IVotingRule rule)
    {
        try { return rule.UsesMemberVotes; }
        catch (Exception) { return true; }
    }

    public string? Allowance(MemberVotes votes)
    {
        try { return Guard.Run(pluginId, name, budget, logger, () => inner.Allowance(votes)); }
        catch (RuleFailedException) { return null; }
    }
}

/// <summary>Moderation fails closed: if the rule cannot decide, the content is held for a moderator, never published unchecked.</summary>
public sealed class GuardedModerationRule(string pluginId, string name, IModerationRule inner, TimeSpan budget, ILogger logger) : IModerationRule
{
    public string PluginId => pluginId;
    public string Name => name;

    public ModerationDecision Check(Contribution contribution)
    {
        try { return Guard.Run(pluginId, name, budget, logger, () => inner.Check(contribution)); }
        catch (RuleFailedException) { return ModerationDecision.Held($"The moderation rule '{name}' could not check this contribution."); }
    }

    public ModerationDecision CheckReports(ReportTally reports)
    {
        try { return Guard.Run(pluginId, name, budget, logger, () => inner.CheckReports(reports)); }
        catch (RuleFailedException) { return ModerationDecision.Held($"The moderation rule '{name}' could not check the reports."); }
    }
}

/// <summary>An anonymity policy that fails refuses the post: nothing is stored with an author link it did not approve.</summary>
public sealed class GuardedAnonymityPolicy(string pluginId, string name, IAnonymityPolicy inner, TimeSpan budget, ILogger logger) : IAnonymityPolicy
{
    public string PluginId => pluginId;
    public string Name => name;

    public AnonymityDecision Decide(AnonymityRequest request)
    {
        try { return Guard.Run(pluginId, name, budget, logger, () => inner.Decide(request)); }
        catch (RuleFailedException) { return AnonymityDecision.Refused($"Posting is unavailable right now (the '{name}' anonymity policy failed), so nothing was saved. Please try again later."); }
    }
}
