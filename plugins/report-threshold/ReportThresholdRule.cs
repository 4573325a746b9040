using Engine.Sdk;

namespace Engine.Plugins.ReportThreshold;

/// <summary>
/// Takes published content off the site once enough different members have reported it, until a
/// moderator looks. Counting distinct reporters means one member cannot hide a post on their own.
/// </summary>
public sealed class ReportThresholdRule(int reports, IRuleLog log) : IModerationRule
{
    public ReportThresholdRule(int reports) : this(reports, NoRuleLog.Instance) { }

    // This rule only acts on reports; new contributions are left to the site's other rules.
    public ModerationDecision Check(Contribution contribution) => ModerationDecision.Published;

    public ModerationDecision CheckReports(ReportTally tally)
    {
        if (tally.DistinctReporters < reports) return ModerationDecision.Published;
        // Moderators see the held post; the log tells operators how often reports take posts down, and never who reported.
        log.Information("Held reported content for review: {Reporters} different members reported it (threshold {Threshold})", tally.DistinctReporters, reports);
        return ModerationDecision.HeldFor("held-reported", tally.DistinctReporters);
    }
}
