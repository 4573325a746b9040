using Dapper;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

/// <summary>
/// The people in the numbers are kept on write (migration step 32, the participants table) without the database ever
/// linking a member to their fully anonymous key: a key's row is the same whether or not its member also took part by name.
/// </summary>
public class ParticipantsTests : IAsyncLifetime
{
    private const string T = "t1";
    private readonly StoreFixture _store = new();
    private long _challenge, _poster, _other;

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        _challenge = (await _store.ChallengeAsync(T)).Id;
        _poster = (await _store.MemberAsync(T, "poster")).Id;
        _other = (await _store.MemberAsync(T, "other")).Id;
    }

    public Task DisposeAsync() => _store.DisposeAsync();

    private Task<long> PostFullyAnonymouslyAsync(long member) => _store.Ideas.AddAsync(T, _challenge,
        new Admission(new Authorship(null, StoreFixture.Keys.KeyFor(T, member), true), ModerationState.Published, null), new NewIdea("An idea", "Body"), StoreFixture.Now);

    private async Task<List<(long Challenge, long Member, string Key, long Contributions)>> RowsAsync()
    {
        await using var c = _store.Db.OpenReader();
        return (await c.QueryAsync<(long, long, string, long)>(
            "SELECT challenge_id, member_id, author_key, contributions FROM participants WHERE tenant_id = @T ORDER BY challenge_id, member_id, author_key", new { T })).ToList();
    }

    [Fact]
    public async Task A_fully_anonymous_poster_who_also_votes_is_one_person_and_their_key_row_does_not_change()
    {
        var idea = await PostFullyAnonymouslyAsync(_poster);
        var key = StoreFixture.Keys.KeyFor(T, _poster);
        var keyRows = (await RowsAsync()).Where(r => r.Key == key).ToList();
        keyRows.Should().BeEquivalentTo([(_challenge, 0L, key, 1L), (0L, 0L, key, 1L)], "the challenge's row and the site's hold the key alone");

        await _store.Votes.CastAsync(T, idea, _poster, 1, StoreFixture.Now);

        var rows = await RowsAsync();
        rows.Where(r => r.Key == key).Should().Equal(keyRows, "nothing in the key's rows may tell that its member also voted");
        rows.Should().Contain((_challenge, _poster, "", 1L));
        rows.Should().OnlyContain(r => (r.Member == 0) != (r.Key == ""), "a row is a member or a key, never both");
        (await _store.Stats.ForChallengeAsync(T, _challenge)).People.Should().Be(1);
        (await _store.Stats.GetAsync(T)).People.Should().Be(1);
    }

    [Fact]
    public async Task A_key_whose_member_took_part_in_no_other_way_is_a_person_of_its_own()
    {
        var idea = await PostFullyAnonymouslyAsync(_poster);
        await _store.Votes.CastAsync(T, idea, _other, 1, StoreFixture.Now);

        (await _store.Stats.ForChallengeAsync(T, _challenge)).People.Should().Be(2);
        (await _store.Stats.GetAsync(T)).People.Should().Be(2);
    }

    [Fact]
    public async Task The_table_refuses_a_row_pairing_a_member_with_a_key()
    {
        var pairing = () => _store.Db.WriteAsync(T, (c, tx) => c.Execute(
            "INSERT INTO participants (tenant_id, challenge_id, member_id, author_key, contributions) VALUES (@T, @_challenge, @member, @key, 1)",
            new { T, _challenge, member = _poster, key = StoreFixture.Keys.KeyFor(T, _poster) }, tx));

        await pairing.Should().ThrowAsync<Exception>();
        (await RowsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_table_holds_only_the_scope_the_member_or_the_key_and_how_many_contributions_count()
    {
        await PostFullyAnonymouslyAsync(_poster);
        await using var c = _store.Db.OpenReader();
        var columns = _store.Db.Dialect == SqlDialect.Sqlite
            ? c.Query<string>("SELECT name FROM pragma_table_info('participants') ORDER BY cid")
            : c.Query<string>("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'participants' ORDER BY ordinal_position");
        columns.Should().Equal("tenant_id", "challenge_id", "member_id", "author_key", "contributions");
    }

    [Fact]
    public async Task Members_who_join_after_the_first_count_are_matched_to_their_keys()
    {
        var stats = _store.Stats;
        await PostFullyAnonymouslyAsync(_poster);
        (await stats.GetAsync(T)).People.Should().Be(1, "the keys' members were worked out for this count");
        var late = (await _store.MemberAsync(T, "late")).Id;
        var idea = await PostFullyAnonymouslyAsync(late);
        await _store.Votes.CastAsync(T, idea, late, 1, StoreFixture.Now);

        (await stats.GetAsync(T)).People.Should().Be(2, "the late member's key is theirs, and they voted");
    }
}
