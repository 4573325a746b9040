using Dapper;
using System.Data.Common;

namespace Engine.Data.Tests;

public class VoteStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    private long _idea, _alice, _bob, _challenge;

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        var challenge = await _store.ChallengeAsync("t1");
        _challenge = challenge.Id;
        _alice = (await _store.MemberAsync("t1", "alice")).Id;
        _bob = (await _store.MemberAsync("t1", "bob")).Id;
        _idea = await _store.IdeaAsync("t1", challenge.Id, _alice);
    }

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Voting_the_same_way_twice_counts_once()
    {
        await _store.Votes.CastAsync("t1", _idea, _bob, 1, StoreFixture.Now);
        var tally = await _store.Votes.CastAsync("t1", _idea, _bob, 1, StoreFixture.Now);
        tally.Should().Be(new Core.Votes.VoteTally(1, 0, 1));
    }

    [Fact]
    public async Task Changing_a_vote_moves_it_between_the_counters()
    {
        await _store.Votes.CastAsync("t1", _idea, _bob, 1, StoreFixture.Now);
        await _store.Votes.CastAsync("t1", _idea, _alice, 1, StoreFixture.Now);
        var tally = await _store.Votes.CastAsync("t1", _idea, _bob, -1, StoreFixture.Now);
        tally.Should().Be(new Core.Votes.VoteTally(1, 1, -1));
        (await _store.Ideas.FindAsync("t1", _idea))!.Should().Match<Core.Ideas.Idea>(i => i.Up == 1 && i.Down == 1);
    }

    [Fact]
    public async Task Taking_a_vote_back_frees_it_and_taking_it_back_again_changes_nothing()
    {
        await _store.Votes.CastAsync("t1", _idea, _bob, 1, StoreFixture.Now);
        (await _store.Votes.RemoveAsync("t1", _idea, _bob)).Should().Be(new Core.Votes.VoteTally(0, 0, 0));
        (await _store.Votes.RemoveAsync("t1", _idea, _bob)).Should().Be(new Core.Votes.VoteTally(0, 0, 0));
        (await _store.Votes.MyVotesAsync("t1", _bob, [_idea])).Should().BeEmpty();
    }

    [Fact]
    public async Task One_vote_per_member_per_idea_is_the_primary_key_not_a_check_in_code()
    {
        await _store.Votes.CastAsync("t1", _idea, _bob, 1, StoreFixture.Now);
        var act = () => _store.Db.WriteAsync((c, tx) => c.Execute(
            "INSERT INTO votes (tenant_id, idea_id, member_id, value, created_at) VALUES ('t1', @_idea, @_bob, 1, 0)", new { _idea, _bob }, tx));
        (await act.Should().ThrowAsync<DbException>()).Which.Should().Match<DbException>(e => DbErrors.IsUniqueViolation(e));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5000)]
    public async Task A_zero_or_absurd_vote_value_is_refused_by_the_database_itself(int value)
    {
        var act = () => _store.Db.WriteAsync((c, tx) => c.Execute(
            "INSERT INTO votes (tenant_id, idea_id, member_id, value, created_at) VALUES ('t1', @_idea, @_bob, @value, 0)", new { _idea, _bob, value }, tx));
        await act.Should().ThrowAsync<DbException>();
    }

    [Fact]
    public async Task Points_votes_add_their_value_and_voters_count_people()
    {
        await _store.Votes.CastAsync("t1", _idea, _bob, 4, StoreFixture.Now);
        var tally = await _store.Votes.CastAsync("t1", _idea, _alice, 3, StoreFixture.Now);
        tally.Should().Be(new Core.Votes.VoteTally(7, 0, 3));
        await _store.Votes.CastAsync("t1", _idea, _bob, 1, StoreFixture.Now);
        (await _store.Ideas.TalliesAsync("t1", 1)).Single().Should().Match<Sdk.IdeaTally>(t => t.Up == 4 && t.Voters == 2);
    }

    [Fact]
    public async Task A_failed_write_stores_nothing_half_way()
    {
        var act = () => _store.Db.WriteAsync<int>((c, tx) =>
        {
            c.Execute("INSERT INTO idea_counts (tenant_id, idea_id, up_count) SELECT tenant_id, id, 99 FROM ideas WHERE tenant_id = 't1'", transaction: tx);
            throw new InvalidOperationException("boom");
        });
        await act.Should().ThrowAsync<InvalidOperationException>();
        (await _store.Ideas.FindAsync("t1", _idea))!.Up.Should().Be(0);
    }

    [Fact]
    public async Task Concurrent_votes_from_many_members_are_all_counted()
    {
        var members = new List<long>();
        for (var i = 0; i < 40; i++) members.Add((await _store.MemberAsync("t1", $"m{i}")).Id);
        await Task.WhenAll(members.Select(m => Task.Run(() => _store.Votes.CastAsync("t1", _idea, m, 1, StoreFixture.Now))));
        (await _store.Ideas.FindAsync("t1", _idea))!.Up.Should().Be(40);
    }

    [Fact]
    public async Task A_vote_decided_on_the_members_votes_is_written_only_while_they_are_still_those_votes()
    {
        var other = await _store.IdeaAsync("t1", _challenge, _alice, title: "Another idea");
        (await _store.Votes.CastIfUnchangedAsync("t1", _idea, _bob, _challenge, 1, StoreFixture.Now, new Dictionary<long, int>()))
            .Should().Be(new Core.Votes.VoteTally(1, 0, 1));

        // Decided on "no votes yet", but Bob's vote above was written since: nothing is written, and the answer says so.
        (await _store.Votes.CastIfUnchangedAsync("t1", other, _bob, _challenge, 1, StoreFixture.Now, new Dictionary<long, int>())).Should().BeNull();
        (await _store.Votes.MyVotesInChallengeAsync("t1", _bob, _challenge)).Should().Equal(new Dictionary<long, int> { [_idea] = 1 });
        (await _store.Ideas.FindAsync("t1", other))!.Up.Should().Be(0);

        (await _store.Votes.CastIfUnchangedAsync("t1", other, _bob, _challenge, 1, StoreFixture.Now, new Dictionary<long, int> { [_idea] = 1 }))
            .Should().Be(new Core.Votes.VoteTally(1, 0, 1));
    }

    [Fact]
    public async Task Checked_and_plain_votes_written_together_each_get_their_own_counts()
    {
        // Many at once, so the writer takes them in groups (on PostgreSQL, one batch with a lock before each checked vote).
        var other = await _store.IdeaAsync("t1", _challenge, _alice, title: "Another idea");
        var members = new List<long>();
        for (var i = 0; i < 60; i++) members.Add((await _store.MemberAsync("t1", $"m{i}")).Id);
        var checkedVotes = members.Where((_, i) => i % 2 == 0).Select(m => Task.Run(async () =>
            await _store.Votes.CastIfUnchangedAsync("t1", other, m, _challenge, 1, StoreFixture.Now, new Dictionary<long, int>()))).ToList();
        var plainVotes = members.Where((_, i) => i % 2 == 1).Select(m => Task.Run(() => _store.Votes.CastAsync("t1", _idea, m, 1, StoreFixture.Now))).ToList();

        // Each vote moved its idea's counter by one, so the counts answered are 1 to 30, each once, if each read its own answer.
        (await Task.WhenAll(checkedVotes)).Select(t => t!.Up).Should().BeEquivalentTo(Enumerable.Range(1, 30));
        (await Task.WhenAll(plainVotes)).Select(t => t.Up).Should().BeEquivalentTo(Enumerable.Range(1, 30));
    }
}
