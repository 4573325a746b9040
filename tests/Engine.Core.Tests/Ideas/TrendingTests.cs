using Engine.Core.Ideas;

namespace Engine.Core.Tests.Ideas;

public class TrendingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_fresh_idea_with_some_support_outranks_an_old_idea_with_more()
    {
        var fresh = Trending.Score(10, 0, 2, Now.AddHours(-2), Now);
        var old = Trending.Score(40, 0, 5, Now.AddDays(-10), Now);
        fresh.Should().BeGreaterThan(old);
    }

    [Fact]
    public void With_the_same_age_more_support_ranks_higher_and_down_votes_count_against()
    {
        var posted = Now.AddHours(-5);
        Trending.Score(10, 0, 0, posted, Now).Should().BeGreaterThan(Trending.Score(5, 0, 0, posted, Now));
        Trending.Score(10, 4, 0, posted, Now).Should().BeLessThan(Trending.Score(10, 0, 0, posted, Now));
    }
}
