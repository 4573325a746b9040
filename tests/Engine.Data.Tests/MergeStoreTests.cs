using Dapper;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

public class MergeStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    private MergeStore Merges => new(_store.Db);
    private long _challenge, _kept, _duplicate, _alice, _bob, _carol, _dan;

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        _challenge = (await _store.ChallengeAsync("t1")).Id;
        _alice = (await _store.MemberAsync("t1", "alice")).Id;
        _bob = (await _store.MemberAsync("t1", "bob")).Id;
        _carol = (await _store.MemberAsync("t1", "carol")).Id;
        _dan = (await _store.MemberAsync("t1", "dan")).Id;
        _kept = await _store.IdeaAsync("t1", _challenge, _alice, title: "Text patients their place");
        _duplicate = await _store.IdeaAsync("t1", _challenge, _bob, title: "Send waiting list texts");
        // alice: up on both; bob: up on kept, down on the duplicate; carol: only the duplicate; dan: only the kept.
        await _store.Votes.CastAsync("t1", _kept, _alice, 1, StoreFixture.Now);
        await _store.Votes.CastAsync("t1", _duplicate, _alice, 1, StoreFixture.Now);
        await _store.Votes.CastAsync("t1", _kept, _bob, 1, StoreFixture.Now);
        await _store.Votes.CastAsync("t1", _duplicate, _bob, -1, StoreFixture.Now);
        await _store.Votes.CastAsync("t1", _duplicate, _carol, 1, StoreFixture.Now);
        await _store.Votes.CastAsync("t1", _kept, _dan, 1, StoreFixture.Now);
    }

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Merging_counts_each_member_once_on_the_kept_idea_and_hides_the_duplicate_from_the_list()
    {
        (await Merges.MergeAsync("t1", _kept, _duplicate, _alice, StoreFixture.Now)).Should().BeTrue();

        var kept = (await _store.Ideas.FindAsync("t1", _kept))!;
        kept.Up.Should().Be(4, "alice, bob and dan as they voted on it, and carol carried over");
        kept.Down.Should().Be(0, "bob's down-vote on the duplicate does not count: his vote on the kept idea stands");
        var duplicate = (await _store.Ideas.FindAsync("t1", _duplicate))!;
        duplicate.MergedInto.Should().Be(_kept);
        (duplicate.Up, duplicate.Down).Should().Be((2, 1), "the duplicate keeps its own votes, untouched");
        (await _store.Ideas.TalliesAsync("t1", _challenge)).Select(t => t.IdeaId).Should().Equal(_kept);
        (await _store.Challenges.FindByIdAsync("t1", _challenge))!.IdeaCount.Should().Be(1);
        await CountersMatchRows();
    }

    [Fact]
    public async Task Undo_restores_both_ideas_exactly_as_before()
    {
        var before = await Snapshot();
        await Merges.MergeAsync("t1", _kept, _duplicate, _alice, StoreFixture.Now);
        (await Merges.UndoAsync("t1", _duplicate)).Should().Be(_kept);

        (await Snapshot()).Should().BeEquivalentTo(before);
        (await _store.Ideas.FindAsync("t1", _duplicate))!.MergedInto.Should().BeNull();
        (await _store.Ideas.TalliesAsync("t1", _challenge)).Should().HaveCount(2);
        (await Merges.UndoAsync("t1", _duplicate)).Should().BeNull("it is not merged any more");
        await CountersMatchRows();
    }

    [Fact]
    public async Task A_carried_vote_the_member_changes_after_the_merge_is_theirs_and_survives_the_undo()
    {
        await Merges.MergeAsync("t1", _kept, _duplicate, _alice, StoreFixture.Now);
        await _store.Votes.CastAsync("t1", _kept, _carol, -1, StoreFixture.Now);
        await Merges.UndoAsync("t1", _duplicate);

        (await _store.Votes.MyVotesAsync("t1", _carol, [_kept, _duplicate])).Should().BeEquivalentTo(new Dictionary<long, int> { [_kept] = -1, [_duplicate] = 1 });
        await CountersMatchRows();
    }

    [Fact]
    public async Task A_carried_vote_taken_back_stays_taken_back_after_the_undo()
    {
        await Merges.MergeAsync("t1", _kept, _duplicate, _alice, StoreFixture.Now);
        await _store.Votes.RemoveAsync("t1", _kept, _carol);
        (await _store.Ideas.FindAsync("t1", _kept))!.Up.Should().Be(3);
        await Merges.UndoAsync("t1", _duplicate);
        (await _store.Votes.MyVotesAsync("t1", _carol, [_kept, _duplicate])).Should().BeEquivalentTo(new Dictionary<long, int> { [_duplicate] = 1 });
        await CountersMatchRows();
    }

    [Fact]
    public async Task Votes_on_a_merged_idea_stop_counting_towards_a_members_allowance_in_the_challenge()
    {
        await Merges.MergeAsync("t1", _kept, _duplicate, _alice, StoreFixture.Now);
        (await _store.Votes.MyVotesInChallengeAsync("t1", _alice, _challenge)).Should().BeEquivalentTo(new Dictionary<long, int> { [_kept] = 1 });
        (await _store.Votes.MyVotesInChallengeAsync("t1", _carol, _challenge)).Should().BeEquivalentTo(new Dictionary<long, int> { [_kept] = 1 });
    }

    [Fact]
    public async Task Merges_do_not_chain_and_a_second_merge_of_the_same_idea_stores_nothing()
    {
        var third = await _store.IdeaAsync("t1", _challenge, _alice, title: "Another duplicate idea");
        (await Merges.MergeAsync("t1", _kept, _duplicate, _alice, StoreFixture.Now)).Should().BeTrue();
        (await Merges.MergeAsync("t1", third, _duplicate, _alice, StoreFixture.Now)).Should().BeFalse("already merged");
        (await Merges.MergeAsync("t1", _duplicate, third, _alice, StoreFixture.Now)).Should().BeFalse("the target is itself merged");
        (await Merges.MergeAsync("t1", third, _kept, _alice, StoreFixture.Now)).Should().BeFalse("an idea with duplicates merged into it is not merged itself");
        (await Merges.HasDuplicatesAsync("t1", _kept)).Should().BeTrue();
        (await Merges.MergedAsync("t1", _challenge, null)).Should().ContainSingle().Which.Should().Match<Core.BigIdeas.MergedIdea>(m => m.Id == _duplicate && m.IntoId == _kept);
        await CountersMatchRows();
    }

    [Fact]
    public async Task Ideas_of_another_tenant_or_challenge_are_never_merged()
    {
        var other = (await _store.ChallengeAsync("t1", "other-challenge")).Id;
        var elsewhere = await _store.IdeaAsync("t1", other, _alice, title: "An idea somewhere else");
        (await Merges.MergeAsync("t1", _kept, elsewhere, _alice, StoreFixture.Now)).Should().BeFalse();
        (await Merges.MergeAsync("t2", _kept, _duplicate, _alice, StoreFixture.Now)).Should().BeFalse();
        (await _store.Ideas.FindAsync("t1", _duplicate))!.MergedInto.Should().BeNull();
    }

    [Fact]
    public async Task Stats_count_the_votes_people_cast_not_the_copies_a_merge_carries()
    {
        var before = await _store.Stats.GetAsync("t1");
        await Merges.MergeAsync("t1", _kept, _duplicate, _alice, StoreFixture.Now);
        (await _store.Stats.GetAsync("t1")).Votes.Should().Be(before.Votes);
    }

    private async Task<object> Snapshot()
    {
        await using var c = _store.Db.OpenReader();
        var ideas = await c.QueryAsync("""
            SELECT i.id, COALESCE(n.up_count, 0) AS up_count, COALESCE(n.down_count, 0) AS down_count, COALESCE(n.voter_count, 0) AS voter_count,
                   i.comment_count, i.merged_into, i.status
            FROM ideas i LEFT JOIN idea_counts n ON n.tenant_id = i.tenant_id AND n.idea_id = i.id WHERE i.tenant_id = 't1' ORDER BY i.id
            """);
        var votes = await c.QueryAsync("SELECT idea_id, member_id, value FROM votes WHERE tenant_id = 't1' ORDER BY idea_id, member_id");
        return new { ideas = ideas.Select(r => (IDictionary<string, object>)r).ToList(), votes = votes.Select(r => (IDictionary<string, object>)r).ToList() };
    }

    /// <summary>The denormalised counters equal what the vote and comment rows say, for every idea.</summary>
    private async Task CountersMatchRows()
    {
        await using var c = _store.Db.OpenReader();
        var wrong = await c.QueryAsync<long>("""
            SELECT i.id FROM ideas i LEFT JOIN idea_counts n ON n.tenant_id = i.tenant_id AND n.idea_id = i.id WHERE i.tenant_id = 't1' AND (
                COALESCE(n.up_count, 0) <> (SELECT COALESCE(SUM(CASE WHEN v.value > 0 THEN v.value ELSE 0 END), 0) FROM votes v WHERE v.tenant_id = i.tenant_id AND v.idea_id = i.id)
             OR COALESCE(n.down_count, 0) <> (SELECT COALESCE(SUM(CASE WHEN v.value < 0 THEN -v.value ELSE 0 END), 0) FROM votes v WHERE v.tenant_id = i.tenant_id AND v.idea_id = i.id)
             OR COALESCE(n.voter_count, 0) <> (SELECT COUNT(*) FROM votes v WHERE v.tenant_id = i.tenant_id AND v.idea_id = i.id)
             OR i.comment_count <> (SELECT COUNT(*) FROM comments k WHERE k.tenant_id = i.tenant_id AND k.idea_id = i.id AND k.moderation = 'published'))
            """);
        wrong.Should().BeEmpty();
    }
}
