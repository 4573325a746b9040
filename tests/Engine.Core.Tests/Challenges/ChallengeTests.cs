using Engine.Core.Challenges;

namespace Engine.Core.Tests.Challenges;

public class ChallengeTests
{
    private static readonly DateTimeOffset Opens = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = Opens.AddDays(28);

    private static Challenge Make(ChallengeState state) => new("t", 1, "c", "C", "", Opens, Closes, state, 0, 0);

    [Fact]
    public void An_open_challenge_is_a_draft_before_it_opens_open_while_running_and_closed_after()
    {
        var c = Make(ChallengeState.Open);
        c.StateAt(Opens.AddMinutes(-1)).Should().Be(ChallengeState.Draft);
        c.StateAt(Opens).Should().Be(ChallengeState.Open);
        c.StateAt(Closes.AddTicks(-1)).Should().Be(ChallengeState.Open);
        c.StateAt(Closes).Should().Be(ChallengeState.Closed);
    }

    [Fact]
    public void Only_an_open_challenge_takes_contributions_and_only_open_or_closed_ones_are_visible()
    {
        var during = Opens.AddDays(1);
        Make(ChallengeState.Open).AcceptsContributionsAt(during).Should().BeTrue();
        Make(ChallengeState.Open).AcceptsContributionsAt(Closes).Should().BeFalse();
        Make(ChallengeState.Open).IsVisibleAt(Closes).Should().BeTrue("a closed challenge stays readable");
        Make(ChallengeState.Draft).IsVisibleAt(during).Should().BeFalse();
        Make(ChallengeState.Archived).IsVisibleAt(during).Should().BeFalse();
    }
}
