using Engine.Plugins.Thumbs;
using static Engine.Plugins.Rules.Tests.Given;

namespace Engine.Plugins.Rules.Tests.Voting;

public class ThumbsTests
{
    private readonly ThumbsRule rule = new();

    [Fact]
    public void Each_vote_stands_alone_so_the_engine_need_not_read_the_members_other_votes() =>
        ((IVotingRule)rule).UsesMemberVotes.Should().BeFalse();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_up_vote_is_always_accepted(bool downVotesAllowed) =>
        rule.Decide(Vote(1, 1, downVotesAllowed: downVotesAllowed)).Should().Be(VoteDecision.Accepted);

    [Fact]
    public void A_down_vote_is_accepted_where_thumbs_down_is_on() =>
        rule.Decide(Vote(1, -1, downVotesAllowed: true)).Should().Be(VoteDecision.Accepted);

    [Fact]
    public void A_down_vote_is_refused_where_thumbs_down_is_off() =>
        Worded.English(rule, rule.Decide(Vote(1, -1, downVotesAllowed: false)).Should().BeOfType<VoteDecision.Refuse>()
            .Which.Text).Should().ContainEquivalentOf("thumbs-down");

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(-2)]
    [InlineData(100)]
    public void Any_value_but_up_or_down_is_refused(int value) =>
        Worded.English(rule, rule.Decide(Vote(1, value, downVotesAllowed: true)).Should().BeOfType<VoteDecision.Refuse>()
            .Which.Text).Should().Be("A vote must be 1 (up) or -1 (down)");

    [Fact]
    public void An_idea_with_no_votes_scores_zero_under_top() =>
        rule.TopScore(Tally()).Should().Be(0);

    [Theory]
    [InlineData(1, 0, 0.2065)]
    [InlineData(9, 1, 0.5958)]
    [InlineData(90, 10, 0.8256)]
    [InlineData(5, 5, 0.2366)]
    [InlineData(0, 1, 0.0)]
    public void The_top_score_is_the_lower_bound_of_the_95_percent_wilson_interval(int up, int down, double expected) =>
        rule.TopScore(Tally(up, down)).Should().BeApproximately(expected, 0.0001);

    [Fact]
    public void Nine_up_and_one_down_outranks_a_single_up_vote() =>
        rule.TopScore(Tally(9, 1)).Should().BeGreaterThan(rule.TopScore(Tally(1, 0)));

    [Fact]
    public void The_same_share_of_up_votes_from_more_voters_ranks_higher() =>
        rule.TopScore(Tally(90, 10)).Should().BeGreaterThan(rule.TopScore(Tally(9, 1)));

    [Fact]
    public void The_trending_score_is_net_votes_plus_comments_over_age_plus_two_hours_to_the_power_one_and_a_half()
    {
        rule.TrendingScore(Tally(up: 10, down: 2, comments: 4, hoursOld: 0), Now).Should().BeApproximately(12 / Math.Pow(2, 1.5), 1e-9);
        rule.TrendingScore(Tally(up: 10, down: 2, comments: 4, hoursOld: 10), Now).Should().BeApproximately(12 / Math.Pow(12, 1.5), 1e-9);
    }

    [Fact]
    public void A_newer_idea_trends_above_an_older_one_with_the_same_activity() =>
        rule.TrendingScore(Tally(up: 5, hoursOld: 1), Now).Should().BeGreaterThan(rule.TrendingScore(Tally(up: 5, hoursOld: 30), Now));

    [Fact]
    public void An_idea_dated_a_little_in_the_future_trends_as_brand_new() =>
        rule.TrendingScore(Tally(up: 5, hoursOld: -1), Now).Should().Be(rule.TrendingScore(Tally(up: 5, hoursOld: 0), Now));

    [Fact]
    public void Thumbs_shows_no_allowance() =>
        ((IVotingRule)rule).AllowanceText(Votes((1, 1), (2, -1))).Should().BeNull();

    [Fact]
    public void Without_a_shortlist_threshold_no_idea_is_labelled() =>
        ((IVotingRule)rule).LabelText(Tally(up: 500)).Should().BeNull();

    [Theory]
    [InlineData(0, "Needs 3 more votes")]
    [InlineData(2, "Needs 1 more vote")]
    [InlineData(3, "Shortlisted")]
    [InlineData(40, "Shortlisted")]
    public void With_a_shortlist_threshold_an_idea_says_how_many_more_thumbs_up_it_needs_until_it_is_shortlisted(int up, string label) =>
        Worded.English(shortlist, shortlist.LabelText(Tally(up: up, down: 5))).Should().Be(label);

    private readonly ShortlistThumbsRule shortlist = new(shortlistAt: 3);

    [Theory]
    [InlineData("cy", 1, "Angen 2 bleidlais arall")]
    [InlineData("cy", 3, "Ar y rhestr fer")]
    [InlineData("ur", 1, "مزید 2 ووٹ درکار ہیں")]
    public void The_shortlist_label_is_worded_in_the_readers_language(string culture, int up, string label) =>
        Worded.In(culture, shortlist, shortlist.LabelText(Tally(up: up))).Should().Be(label);

    [Fact]
    public void Thumbs_down_do_not_hold_an_idea_back_from_the_shortlist() =>
        Worded.English(shortlist, shortlist.LabelText(Tally(up: 3, down: 10))).Should().Be("Shortlisted");

    [Fact]
    public void With_a_shortlist_votes_and_ranking_stay_those_of_thumbs()
    {
        var shortlist = new ShortlistThumbsRule(shortlistAt: 3);
        ((IVotingRule)shortlist).UsesMemberVotes.Should().BeFalse();
        shortlist.Decide(Vote(1, -1, downVotesAllowed: false)).Should().Be(rule.Decide(Vote(1, -1, downVotesAllowed: false)));
        shortlist.Decide(Vote(1, 1)).Should().Be(VoteDecision.Accepted);
        shortlist.TopScore(Tally(up: 9, down: 1)).Should().Be(rule.TopScore(Tally(up: 9, down: 1)));
        shortlist.TrendingScore(Tally(up: 4, hoursOld: 3), Now).Should().Be(rule.TrendingScore(Tally(up: 4, hoursOld: 3), Now));
    }

    [Theory]
    [InlineData(0, 9, null)]
    [InlineData(2, 2, "Shortlisted")]
    [InlineData(2, 1, "Needs 1 more vote")]
    public void The_plugin_reads_the_threshold_from_its_settings(int shortlistAt, int up, string? label)
    {
        var registrar = new RecordingRegistrar();
        new ThumbsPlugin().Register(registrar);
        var made = (IVotingRule)registrar.Rules.Single(r => r.Name == "thumbs").Create(Settings(("shortlistAt", shortlistAt)));
        (made.LabelText(Tally(up: up)) is { } text ? Worded.English(made, text) : null).Should().Be(label);
    }
}
