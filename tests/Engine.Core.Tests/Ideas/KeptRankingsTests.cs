using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Rules;
using Engine.Sdk;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Core.Tests.Ideas;

/// <summary>A large challenge's order kept across votes for a moment, so a page built after a vote does not rank every idea again.</summary>
public class KeptRankingsTests
{
    private readonly DataVersions _versions = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private static readonly RankingKey Key = new("alpha", 1, IdeaSort.Top, "");
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);
    private int _rankings;

    private KeptRankings Rankings() => new(_versions, _clock, largeFrom: 3, RefreshEvery);

    // Each ranking made is told apart by its first id: 1, 2, 3 ...
    private Task<Ranking> Rank(KeptRankings rankings, int ideas, IVotingRule? rule = null, RankingKey? key = null) =>
        rankings.RankAsync(key ?? Key, rule ?? BuiltInVoting.Instance,
            _ =>
            {
                var made = Interlocked.Increment(ref _rankings);
                return Task.FromResult(new Ranking(Enumerable.Range(0, ideas).Select(i => made * 1000L + i).ToList()));
            });

    private static long Made(Ranking ranking) => ranking.Ids[0] / 1000;

    [Fact]
    public async Task A_small_challenge_is_ranked_again_after_every_vote()
    {
        var rankings = Rankings();
        Made(await Rank(rankings, ideas: 2)).Should().Be(1);
        _versions.Changed("alpha", WriteScope.Votes);
        Made(await Rank(rankings, ideas: 2)).Should().Be(2, "its order follows every vote at once, as it always did");
        rankings.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_large_challenges_order_is_kept_across_votes_until_it_is_as_old_as_the_refresh_interval()
    {
        var rankings = Rankings();
        Made(await Rank(rankings, ideas: 3)).Should().Be(1);
        _versions.Changed("alpha", WriteScope.Votes);
        _clock.Advance(RefreshEvery / 4);
        Made(await Rank(rankings, ideas: 3)).Should().Be(1, "only votes were written, and the order is younger than half the interval");
        _rankings.Should().Be(1);
        _clock.Advance(RefreshEvery);
        Made(await Rank(rankings, ideas: 3)).Should().Be(2, "an order older than the interval is never shown after a vote");
    }

    [Fact]
    public async Task An_order_slow_to_make_is_kept_for_eight_times_what_it_took_so_views_after_votes_do_not_all_wait_for_one()
    {
        var rankings = Rankings();
        var made = 0;
        Task<Ranking> View() => rankings.RankAsync(Key, BuiltInVoting.Instance, _ =>
        {
            made++;
            _clock.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(new Ranking([made, 0, 0]));
        });
        await View();
        _versions.Changed("alpha", WriteScope.Votes);
        _clock.Advance(TimeSpan.FromSeconds(5));
        (await View()).Ids[0].Should().Be(1, "seven seconds after it began, a 2 s ranking is still within its 16 s");
        made.Should().Be(1, "and it is not yet half as old as that");
        _clock.Advance(TimeSpan.FromSeconds(2));
        (await View()).Ids[0].Should().Be(1, "from half of its window the next one is made in the background");
        await WaitUntil(() => made == 2);
        _clock.Advance(TimeSpan.FromSeconds(20));
        _versions.Changed("alpha", WriteScope.Votes);
        (await View()).Ids[0].Should().Be(3, "an order older than its window is never shown after a vote");
    }

    [Fact]
    public async Task Unchanged_data_keeps_a_large_order_however_old_it_is()
    {
        var rankings = Rankings();
        await Rank(rankings, ideas: 3);
        _clock.Advance(RefreshEvery * 10);
        Made(await Rank(rankings, ideas: 3)).Should().Be(1);
    }

    [Theory]
    [InlineData(IdeaSort.New)]
    [InlineData(IdeaSort.Discussed)]
    public async Task Orders_no_vote_can_change_are_kept_across_votes_however_old(IdeaSort sort)
    {
        var rankings = Rankings();
        var key = Key with { Sort = sort };
        await Rank(rankings, ideas: 3, key: key);
        _versions.Changed("alpha", WriteScope.Votes);
        _clock.Advance(RefreshEvery * 10);
        Made(await Rank(rankings, ideas: 3, key: key)).Should().Be(1);
        _versions.Changed("alpha", WriteScope.Everything);
        Made(await Rank(rankings, ideas: 3, key: key)).Should().Be(2, "a new idea or a comment changes them");
    }

    [Fact]
    public async Task A_write_besides_votes_ranks_a_large_challenge_again_at_once()
    {
        var rankings = Rankings();
        await Rank(rankings, ideas: 3);
        _versions.Changed("alpha", WriteScope.Everything);
        Made(await Rank(rankings, ideas: 3)).Should().Be(2, "a new, hidden or merged idea or a comment shows in the order at once");
    }

    [Fact]
    public async Task From_half_the_interval_a_view_gets_the_kept_order_and_starts_the_next_one_in_the_background()
    {
        var rankings = Rankings();
        await Rank(rankings, ideas: 3);
        _versions.Changed("alpha", WriteScope.Votes);
        _clock.Advance(RefreshEvery / 2);
        Made(await Rank(rankings, ideas: 3)).Should().Be(1, "this view does not wait for a ranking");
        await WaitUntil(() => _rankings == 2);
        await WaitUntil(() => Made(Rank(rankings, ideas: 3).Result) == 2);
        _rankings.Should().Be(2, "the next views get the new order without ranking again");
    }

    [Fact]
    public async Task Views_that_need_a_ranking_at_once_share_one()
    {
        var rankings = Rankings();
        var release = new TaskCompletionSource<Ranking>();
        var made = 0;
        Task<Ranking> View() => rankings.RankAsync(Key, BuiltInVoting.Instance, _ => { Interlocked.Increment(ref made); return release.Task; });
        var views = Enumerable.Range(0, 8).Select(_ => View()).ToList();
        await WaitUntil(() => made == 1);
        release.SetResult(new Ranking([1, 2, 3]));
        (await Task.WhenAll(views)).Should().AllSatisfy(r => r.Ids.Should().Equal(1, 2, 3));
        made.Should().Be(1);
    }

    [Fact]
    public async Task Orders_are_kept_per_list_per_tenant_and_per_voting_rule()
    {
        var rankings = Rankings();
        await Rank(rankings, ideas: 3);
        Made(await Rank(rankings, ideas: 3, key: Key with { Sort = IdeaSort.New })).Should().Be(2);
        Made(await Rank(rankings, ideas: 3, key: Key with { Filter = "category=beds" })).Should().Be(3);
        Made(await Rank(rankings, ideas: 3, key: Key with { TenantId = "beta" })).Should().Be(4);
        Made(await Rank(rankings, ideas: 3, rule: new OtherRule())).Should().Be(5, "another rule ranks another way");
        Made(await Rank(rankings, ideas: 3)).Should().Be(1);
    }

    [Fact]
    public async Task Kept_orders_hold_at_most_so_many_ids_together_and_beyond_that_are_dropped_and_made_again()
    {
        var rankings = new KeptRankings(_versions, _clock, largeFrom: 3, RefreshEvery, mostIdsKept: 8);
        await Rank(rankings, ideas: 4);
        await Rank(rankings, ideas: 4, key: Key with { Sort = IdeaSort.New });
        rankings.Count.Should().Be(2);
        await Rank(rankings, ideas: 4, key: Key with { Sort = IdeaSort.Discussed });
        rankings.Count.Should().Be(1, "twelve ids would be more than eight");
        Made(await Rank(rankings, ideas: 4)).Should().Be(4, "a dropped order is made again");
    }

    [Fact]
    public async Task A_failed_ranking_fails_the_views_waiting_for_it_and_the_next_view_ranks_again()
    {
        var rankings = Rankings();
        var failing = () => rankings.RankAsync(Key, BuiltInVoting.Instance, _ => Task.FromException<Ranking>(new InvalidOperationException("broken")));
        await failing.Should().ThrowAsync<InvalidOperationException>();
        Made(await Rank(rankings, ideas: 3)).Should().Be(1);
    }

    private sealed class OtherRule : IVotingRule
    {
        public VoteDecision Decide(VoteRequest request) => BuiltInVoting.Instance.Decide(request);
        public double TopScore(IdeaTally idea) => -idea.Up;
        public double TrendingScore(IdeaTally idea, DateTimeOffset now) => -idea.Up;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        condition().Should().BeTrue();
    }
}
