using Engine.Plugins.ReportThreshold;
using static Engine.Plugins.Rules.Tests.Given;

namespace Engine.Plugins.Rules.Tests.Moderation;

public class ReportThresholdTests
{
    private readonly IModerationRule threeReports = new ReportThresholdRule(3);

    [Fact]
    public void New_contributions_are_always_published() =>
        threeReports.Check(Comment("Anything", approved: 0)).Should().Be(ModerationDecision.Published);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Fewer_reporters_than_the_threshold_leave_it_published(int reporters) =>
        threeReports.CheckReports(new ReportTally(ContributionKind.Comment, reporters)).Should().Be(ModerationDecision.Published);

    [Theory]
    [InlineData(3, "Reported by 3 members")]
    [InlineData(7, "Reported by 7 members")]
    public void Enough_different_reporters_hold_it_for_a_moderator(int reporters, string reason) =>
        threeReports.CheckReports(new ReportTally(ContributionKind.Idea, reporters)).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(threeReports).Should().Be(reason);

    [Fact]
    public void A_threshold_of_one_holds_on_the_first_report() =>
        new ReportThresholdRule(1).CheckReports(new ReportTally(ContributionKind.Idea, 1)).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(threeReports).Should().Be("Reported by 1 member");
}
