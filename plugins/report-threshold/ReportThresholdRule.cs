using Engine.Sdk;

namespace Engine.Plugins.ReportThreshold;

/// <summary>
/// Takes published content off the site once enough different members have reported it, until a
/// moderator looks. Counting distinct reporters means one member cannot hide a post on their own.
/// </summary>
public sealed class ReportThresholdRule(int reports) : IModerationRule
{
    // This rule only acts on reports; new contributions are left to the site's other rules.
    public ModerationDecision Check(Contribution contribution) => ModerationDecision.Published;

    public ModerationDecision CheckReports(ReportTally tally) => tally.DistinctReporters >= reports
        ? ModerationDecision.Held(tally.DistinctReporters == 1 ? "Reported by 1 member" : $"Reported by {tally.DistinctReporters} members")
        : ModerationDecision.Published;
}
