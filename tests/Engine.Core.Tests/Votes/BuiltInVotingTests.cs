using Engine.Core.Rules;
using Engine.Sdk;

namespace Engine.Core.Tests.Votes;

public class BuiltInVotingTests
{
    private static VoteDecision Decide(int value, bool down) =>
        BuiltInVoting.Instance.Decide(new VoteRequest(1, value, down, MemberVotes.None));

    [Fact]
    public void An_up_vote_is_always_allowed() => Decide(1, down: false).Should().BeOfType<VoteDecision.Accept>();

    [Fact]
    public void A_down_vote_is_allowed_only_where_the_site_has_thumbs_down()
    {
        Decide(-1, down: true).Should().BeOfType<VoteDecision.Accept>();
        Decide(-1, down: false).Should().BeOfType<VoteDecision.Refuse>().Which.Reason.Should().Contain("thumbs-down");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-2)]
    public void Any_other_value_is_refused_naming_it(int value) =>
        Decide(value, down: true).Should().BeOfType<VoteDecision.Refuse>().Which.Reason.Should().Contain(value.ToString());

    [Fact]
    public void Top_ranks_by_net_score()
    {
        var now = DateTimeOffset.UtcNow;
        BuiltInVoting.Instance.TopScore(new IdeaTally(1, 10, 3, 13, 0, now)).Should().Be(7);
    }
}
