using Engine.Plugins.Budget;
using static Engine.Plugins.Rules.Tests.Given;

namespace Engine.Plugins.Rules.Tests.Voting;

public class BudgetTests
{
    private readonly BudgetRule fiveVotes = new(5);

    [Fact]
    public void The_budget_counts_the_members_other_votes_so_the_engine_reads_them() =>
        ((IVotingRule)fiveVotes).UsesMemberVotes.Should().BeTrue();

    [Fact]
    public void An_up_vote_is_accepted_while_the_member_has_votes_left() =>
        fiveVotes.Decide(Vote(5, 1, Votes((1, 1), (2, 1), (3, 1), (4, 1)))).Should().Be(VoteDecision.Accepted);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2)]
    public void Only_a_single_up_vote_is_allowed(int value) =>
        Worded.English(fiveVotes, fiveVotes.Decide(Vote(1, value, downVotesAllowed: true)).Should().BeOfType<VoteDecision.Refuse>()
            .Which.Text).Should().Contain("single up-vote");

    [Fact]
    public void A_vote_for_another_idea_is_refused_once_all_votes_are_used() =>
        Worded.English(fiveVotes, fiveVotes.Decide(Vote(6, 1, Votes((1, 1), (2, 1), (3, 1), (4, 1), (5, 1)))).Should().BeOfType<VoteDecision.Refuse>()
            .Which.Text).Should().Contain("all 5").And.Contain("take one back");

    [Fact]
    public void Voting_again_for_an_idea_already_voted_for_does_not_count_twice() =>
        fiveVotes.Decide(Vote(3, 1, Votes((1, 1), (2, 1), (3, 1), (4, 1), (5, 1)))).Should().Be(VoteDecision.Accepted);

    [Fact]
    public void Only_positive_votes_use_up_the_budget() =>
        fiveVotes.Decide(Vote(6, 1, Votes((1, 1), (2, 1), (3, 1), (4, 1), (5, 0), (7, -1)))).Should().Be(VoteDecision.Accepted);

    [Fact]
    public void The_number_of_votes_comes_from_the_setting() =>
        new BudgetRule(2).Decide(Vote(3, 1, Votes((1, 1), (2, 1)))).Should().BeOfType<VoteDecision.Refuse>();

    [Theory]
    [InlineData(0, "5 of 5 votes left")]
    [InlineData(2, "3 of 5 votes left")]
    [InlineData(4, "1 of 5 votes left")]
    [InlineData(5, "No votes left: take one back to vote for another idea")]
    public void The_allowance_says_how_many_votes_are_left(int used, string expected) =>
        Worded.English(fiveVotes, fiveVotes.AllowanceText(Votes(Enumerable.Range(1, used).Select(idea => ((long)idea, 1)).ToArray()))).Should().Be(expected);

    [Theory]
    [InlineData("cy", 2, "3 o 5 pleidlais ar ôl")]
    [InlineData("cy", 5, "Dim pleidleisiau ar ôl: tynnwch un yn ôl i bleidleisio dros syniad arall")]
    [InlineData("ur", 2, "5 میں سے 3 ووٹ باقی ہیں")]
    public void The_allowance_is_worded_in_the_members_language(string culture, int used, string expected) =>
        Worded.In(culture, fiveVotes, fiveVotes.AllowanceText(Votes(Enumerable.Range(1, used).Select(idea => ((long)idea, 1)).ToArray()))).Should().Be(expected);

    [Fact]
    public void The_top_score_is_the_number_of_votes() =>
        fiveVotes.TopScore(Tally(up: 42)).Should().Be(42);

    [Fact]
    public void A_newer_idea_trends_above_an_older_one_with_the_same_votes() =>
        fiveVotes.TrendingScore(Tally(up: 5, hoursOld: 2), Now).Should().BeGreaterThan(fiveVotes.TrendingScore(Tally(up: 5, hoursOld: 48), Now));

    [Fact]
    public void The_trending_score_decays_like_thumbs() =>
        fiveVotes.TrendingScore(Tally(up: 6, comments: 2, hoursOld: 7), Now).Should().BeApproximately(8 / Math.Pow(9, 1.5), 1e-9);
}
