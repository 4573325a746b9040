using Engine.Plugins.ApprovalQuorum;
using static Engine.Plugins.Rules.Tests.Given;

namespace Engine.Plugins.Rules.Tests.Voting;

public class ApprovalQuorumTests
{
    private readonly ApprovalQuorumRule rule = new(quorum: 3);

    [Fact]
    public void Each_vote_stands_alone_so_the_engine_need_not_read_the_members_other_votes() =>
        ((IVotingRule)rule).UsesMemberVotes.Should().BeFalse();

    [Fact]
    public void An_up_vote_is_accepted() => rule.Decide(Vote(1, 1)).Should().Be(VoteDecision.Accepted);

    [Theory]
    [InlineData(-1, true)]
    [InlineData(-1, false)]
    [InlineData(2, true)]
    [InlineData(0, true)]
    public void Anything_but_a_single_up_vote_is_refused_even_where_thumbs_down_is_on(int value, bool downVotesAllowed) =>
        Worded.English(rule, rule.Decide(Vote(1, value, downVotesAllowed: downVotesAllowed)).Should().BeOfType<VoteDecision.Refuse>()
            .Which.Text).Should().Be("Each vote here is a single up-vote: vote 1, or take your vote back.");

    [Theory]
    [InlineData(0, "Needs 3 more votes")]
    [InlineData(2, "Needs 1 more vote")]
    [InlineData(3, "Shortlisted")]
    [InlineData(50, "Shortlisted")]
    public void An_idea_says_how_many_more_votes_it_needs_until_it_reaches_the_quorum(int up, string label) =>
        Worded.English(rule, rule.LabelText(Tally(up: up))).Should().Be(label);

    [Theory]
    [InlineData("cy", 0, "Angen 3 pleidlais arall")]
    [InlineData("cy", 1, "Angen 2 bleidlais arall")]
    [InlineData("cy", 2, "Angen 1 bleidlais arall")]
    [InlineData("cy", 3, "Ar y rhestr fer")]
    [InlineData("ur", 2, "مزید 1 ووٹ درکار ہے")]
    [InlineData("ur", 0, "مزید 3 ووٹ درکار ہیں")]
    [InlineData("ur", 3, "مختصر فہرست میں")]
    public void The_label_is_worded_in_the_readers_language_with_its_plural_forms(string culture, int up, string label) =>
        Worded.In(culture, rule, rule.LabelText(Tally(up: up))).Should().Be(label);

    [Fact]
    public void Top_ranks_by_votes_then_comments_then_the_earlier_idea()
    {
        rule.TopKey(Tally(up: 4)).Should().BeGreaterThan(rule.TopKey(Tally(up: 3, comments: 20)));
        rule.TopKey(Tally(up: 3, comments: 2)).Should().BeGreaterThan(rule.TopKey(Tally(up: 3, comments: 1, hoursOld: 5)));
        rule.TopKey(Tally(up: 3, comments: 1, hoursOld: 5)).Should().BeGreaterThan(rule.TopKey(Tally(up: 3, comments: 1, hoursOld: 1)));
    }

    [Fact]
    public void Trending_is_the_engines_trending_score() =>
        rule.TrendingScore(Tally(up: 4, comments: 1, hoursOld: 3), Now).Should().Be(Trending.Score(Tally(up: 4, comments: 1, hoursOld: 3), Now));

    [Theory]
    [InlineData(1, 1, "Shortlisted")]
    [InlineData(5, 1, "Needs 4 more votes")]
    public void The_plugin_reads_the_quorum_from_its_settings(int quorum, int up, string label)
    {
        var registrar = new RecordingRegistrar();
        new ApprovalQuorumPlugin().Register(registrar);
        var made = (IVotingRule)registrar.Rules.Single(r => r.Name == "approval-quorum").Create(Settings(("quorum", quorum)));
        Worded.English(made, made.LabelText(Tally(up: up))).Should().Be(label);
    }
}
