using Engine.Plugins.Points;
using static Engine.Plugins.Rules.Tests.Given;

namespace Engine.Plugins.Rules.Tests.Voting;

public class PointsTests
{
    private readonly PointsRule tenPoints = new(10);

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void Giving_an_idea_up_to_all_the_points_is_accepted(int value) =>
        tenPoints.Decide(Vote(1, value)).Should().Be(VoteDecision.Accepted);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-10)]
    public void Zero_or_negative_points_are_refused(int value) =>
        Worded.English(tenPoints, tenPoints.Decide(Vote(1, value, downVotesAllowed: true)).Should().BeOfType<VoteDecision.Refuse>()
            .Which.Text).Should().Contain("at least 1 point");

    [Fact]
    public void Going_over_the_total_is_refused_saying_how_many_points_are_left() =>
        Worded.English(tenPoints, tenPoints.Decide(Vote(3, 4, Votes((1, 5), (2, 2)))).Should().BeOfType<VoteDecision.Refuse>()
            .Which.Text).Should().Contain("up to 3 of your 10 points");

    [Fact]
    public void Using_exactly_the_points_left_is_accepted() =>
        tenPoints.Decide(Vote(3, 3, Votes((1, 5), (2, 2)))).Should().Be(VoteDecision.Accepted);

    [Fact]
    public void Points_already_on_this_idea_are_replaced_not_added() =>
        tenPoints.Decide(Vote(1, 10, Votes((1, 6)))).Should().Be(VoteDecision.Accepted);

    [Fact]
    public void With_every_point_given_to_other_ideas_the_member_is_told_to_take_some_back() =>
        Worded.English(tenPoints, tenPoints.Decide(Vote(3, 1, Votes((1, 7), (2, 3)))).Should().BeOfType<VoteDecision.Refuse>()
            .Which.Text).Should().Contain("no points left").And.Contain("take some back");

    [Theory]
    [InlineData(new int[0], "10 of 10 points left")]
    [InlineData(new[] { 5, 2 }, "3 of 10 points left")]
    [InlineData(new[] { 10 }, "0 of 10 points left")]
    public void The_allowance_says_how_many_points_are_left(int[] given, string expected) =>
        Worded.English(tenPoints, tenPoints.AllowanceText(Votes(given.Select((points, i) => ((long)i + 1, points)).ToArray()))).Should().Be(expected);

    [Theory]
    [InlineData("cy", "3 o 10 pwynt ar ôl")]
    [InlineData("ur", "10 میں سے 3 پوائنٹس باقی ہیں")]
    public void The_allowance_is_worded_in_the_members_language(string culture, string expected) =>
        Worded.In(culture, tenPoints, tenPoints.AllowanceText(Votes((1, 5), (2, 2)))).Should().Be(expected);

    [Fact]
    public void The_total_comes_from_the_setting() =>
        new PointsRule(3).Decide(Vote(1, 4)).Should().BeOfType<VoteDecision.Refuse>();

    [Fact]
    public void The_top_score_is_the_total_of_points() =>
        tenPoints.TopScore(Tally(up: 37)).Should().Be(37);

    [Fact]
    public void The_trending_score_decays_like_thumbs() =>
        tenPoints.TrendingScore(Tally(up: 20, comments: 1, hoursOld: 2), Now).Should().BeApproximately(21 / Math.Pow(4, 1.5), 1e-9);
}
