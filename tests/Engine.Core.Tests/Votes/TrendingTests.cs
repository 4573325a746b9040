using Engine.Sdk;

namespace Engine.Core.Tests.Votes;

/// <summary>The SDK's trending score, which the built-in rules and the shipped voting plugins all rank with.</summary>
public class TrendingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static double Score(int up, int down, int comments, DateTimeOffset createdAt, DateTimeOffset now) =>
        Trending.Score(new IdeaTally(1, up, down, up + down, comments, createdAt), now);

    [Fact]
    public void A_fresh_idea_with_some_support_outranks_an_old_idea_with_more()
    {
        var fresh = Score(10, 0, 2, Now.AddHours(-2), Now);
        var old = Score(40, 0, 5, Now.AddDays(-10), Now);
        fresh.Should().BeGreaterThan(old);
    }

    [Fact]
    public void With_the_same_age_more_support_ranks_higher_and_down_votes_count_against()
    {
        var posted = Now.AddHours(-5);
        Score(10, 0, 0, posted, Now).Should().BeGreaterThan(Score(5, 0, 0, posted, Now));
        Score(10, 4, 0, posted, Now).Should().BeLessThan(Score(10, 0, 0, posted, Now));
    }

    [Fact]
    public void It_is_net_support_and_comments_over_the_age_in_hours_plus_two_to_the_power_one_and_a_half()
    {
        Score(10, 2, 4, Now, Now).Should().BeApproximately(12 / Math.Pow(2, 1.5), 1e-12);
        Score(10, 2, 4, Now.AddHours(-10), Now).Should().BeApproximately(12 / Math.Pow(12, 1.5), 1e-12);
        Trending.Gravity.Should().Be(1.5);
    }

    [Fact]
    public void An_idea_stamped_a_little_after_now_counts_as_just_posted_not_as_younger()
    {
        Score(5, 0, 0, Now.AddMinutes(30), Now).Should().Be(Score(5, 0, 0, Now, Now));
    }
}
