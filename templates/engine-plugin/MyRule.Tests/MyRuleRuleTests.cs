namespace MyRule.Tests;

/// <summary>The rule is a pure function: build the snapshots the engine would hand it, and check its answers.</summary>
public class MyRuleRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly MyRuleRule _rule = new(halfLifeHours: 48);

    private static VoteRequest Vote(int value, bool downVotesAllowed = false) =>
        new(IdeaId: 1, value, downVotesAllowed, MemberVotes.None);

    private static IdeaTally Tally(int up, double hoursOld = 0) =>
        new(IdeaId: 1, up, Down: 0, Voters: up, Comments: 0, CreatedAt: Now.AddHours(-hoursOld));

    [Fact]
    public void A_thumbs_up_is_accepted() =>
        Assert.IsType<VoteDecision.Accept>(_rule.Decide(Vote(1)));

    [Theory]
    [InlineData(-1, false)]
    [InlineData(-1, true)]
    [InlineData(2, false)]
    public void Anything_but_a_thumbs_up_is_refused_saying_why(int value, bool downVotesAllowed)
    {
        var refused = Assert.IsType<VoteDecision.Refuse>(_rule.Decide(Vote(value, downVotesAllowed)));
        Assert.Contains("thumbs-up", refused.Reason);
    }

    [Fact]
    public void Top_ranks_by_thumbs_up() =>
        Assert.True(_rule.TopScore(Tally(up: 5)) > _rule.TopScore(Tally(up: 4)));

    [Fact]
    public void Trending_counts_thumbs_up_for_half_as_much_after_each_half_life()
    {
        Assert.Equal(8, _rule.TrendingScore(Tally(up: 8), Now), precision: 6);
        Assert.Equal(4, _rule.TrendingScore(Tally(up: 8, hoursOld: 48), Now), precision: 6);
        Assert.Equal(2, _rule.TrendingScore(Tally(up: 8, hoursOld: 96), Now), precision: 6);
    }

    [Fact]
    public void A_new_idea_with_a_clock_slightly_behind_is_not_ranked_above_its_votes() =>
        Assert.Equal(3, _rule.TrendingScore(Tally(up: 3, hoursOld: -0.1), Now), precision: 6);
}
