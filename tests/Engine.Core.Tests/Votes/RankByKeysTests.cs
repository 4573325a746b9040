using Engine.Core.Ideas;
using Engine.Core.Rules;
using Engine.Sdk;

namespace Engine.Core.Tests.Votes;

/// <summary>A voting rule ranks by a key of several parts, compared in turn, with ties broken the same way every time.</summary>
public class RankByKeysTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private static IdeaTally Tally(long id, int up, int voters, DateTimeOffset createdAt) => new(id, up, 0, voters, 0, createdAt);

    /// <summary>Net score, then how many voted, then newest first: what a double could only approximate by packing.</summary>
    private sealed class ScoreVotersNewest : IVotingRule
    {
        public VoteDecision Decide(VoteRequest request) => VoteDecision.Accepted;
        public double TopScore(IdeaTally idea) => idea.Up - idea.Down;
        public double TrendingScore(IdeaTally idea, DateTimeOffset now) => 0;
        public RankKey TopKey(IdeaTally idea) => RankKey.By(idea.Up - idea.Down).ThenBy(idea.Voters).ThenBy(idea.CreatedAt);
        public RankKey TrendingKey(IdeaTally idea, DateTimeOffset now) => RankKey.By(idea.Voters).ThenBy(-(idea.Up - idea.Down));
    }

    [Fact]
    public void The_first_part_decides_and_each_later_part_only_breaks_ties_of_the_ones_before()
    {
        List<IdeaTally> tallies =
        [
            Tally(1, up: 10, voters: 4, Monday),
            Tally(2, up: 12, voters: 1, Monday),
            Tally(3, up: 10, voters: 6, Monday),
            Tally(4, up: 10, voters: 4, Monday.AddMilliseconds(1)),
        ];
        ListIdeas.Order(tallies, IdeaSort.Top, new ScoreVotersNewest(), Monday).Should().Equal(2, 3, 4, 1);
    }

    [Fact]
    public void Trending_uses_the_rules_trending_key()
    {
        List<IdeaTally> tallies = [Tally(1, up: 5, voters: 2, Monday), Tally(2, up: 1, voters: 2, Monday), Tally(3, up: 9, voters: 3, Monday)];
        // Voters first; of the two with 2 voters, the lower score first, its part being negated.
        ListIdeas.Order(tallies, IdeaSort.Trending, new ScoreVotersNewest(), Monday).Should().Equal(3, 2, 1);
    }

    [Fact]
    public void Ideas_equal_in_every_part_are_ordered_newest_id_first_whatever_order_they_came_in()
    {
        var tallies = Enumerable.Range(1, 6).Select(i => Tally(i, up: 3, voters: 3, Monday)).ToList();
        var expected = new long[] { 6, 5, 4, 3, 2, 1 };
        ListIdeas.Order(tallies, IdeaSort.Top, new ScoreVotersNewest(), Monday).Should().Equal(expected);
        tallies.Reverse();
        ListIdeas.Order(tallies, IdeaSort.Top, new ScoreVotersNewest(), Monday).Should().Equal(expected);
    }

    [Fact]
    public void A_rule_without_keys_ranks_by_its_score_as_before()
    {
        List<IdeaTally> tallies = [Tally(1, up: 2, voters: 2, Monday), Tally(2, up: 7, voters: 7, Monday), Tally(3, up: 2, voters: 2, Monday)];
        ((IVotingRule)BuiltInVoting.Instance).TopKey(tallies[1]).Should().Be(RankKey.By(7));
        ListIdeas.Order(tallies, IdeaSort.Top, BuiltInVoting.Instance, Monday).Should().Equal(2, 3, 1);
    }

    [Fact]
    public void Parts_are_compared_exactly_where_a_packed_double_would_lose_the_later_ones()
    {
        // Packed as score * 1e16 + voters, both would be 1e17: a double has about 16 significant digits.
        RankKey.By(10).ThenBy(2).Should().BeGreaterThan(RankKey.By(10).ThenBy(1));
    }

    [Fact]
    public void A_shorter_key_ranks_below_a_longer_one_it_equals_so_far_and_NaN_below_every_number()
    {
        RankKey.By(1).Should().BeLessThan(RankKey.By(1).ThenBy(double.MinValue));
        RankKey.By(double.NaN).Should().BeLessThan(RankKey.By(double.NegativeInfinity));
        RankKey.By(1).ThenBy(Monday).Should().Be(RankKey.By(1).ThenBy(Monday));
        RankKey.By(1).ThenBy(Monday.AddMilliseconds(1)).Should().BeGreaterThan(RankKey.By(1).ThenBy(Monday));
    }
}
