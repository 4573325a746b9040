using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Stats;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

/// <summary>The numbers' definitions (Core.Stats.Numbers) on a fixed data set whose answers are worked out by hand.</summary>
public class StatsQueryTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    private static readonly DateTimeOffset Day1 = new(2026, 11, 16, 10, 0, 0, TimeSpan.Zero);
    private long _waiting, _other;
    private readonly Dictionary<string, long> _m = [];
    private readonly Dictionary<string, long> _ideas = [];

    public Task DisposeAsync() => _store.DisposeAsync();

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        _waiting = (await _store.ChallengeAsync("t1", "waiting-well")).Id;
        _other = (await _store.ChallengeAsync("t1", "home-first")).Id;
        foreach (var name in new[] { "ann", "ben", "cat", "dev", "eve", "fay", "gus" })
            _m[name] = (await _store.MemberAsync("t1", name)).Id;
        var stranger = (await _store.MemberAsync("t2", "other-tenant")).Id;
        var t2Challenge = (await _store.ChallengeAsync("t2")).Id;

        // ann: a named idea (day 1) and a vote on ben's (day 2).
        _ideas["ann"] = await Idea(_waiting, Named(_m["ann"]), Day1);
        // ben: an idea anonymous to the public (author id kept), day 1; also votes on ann's idea: one person.
        _ideas["ben"] = await Idea(_waiting, new Admission(new Authorship(_m["ben"], null, true), ModerationState.Published, null), Day1);
        // cat: a fully anonymous idea (only a key) on day 2, and a vote on ann's idea: one person, matched by the key.
        _ideas["cat"] = await Idea(_waiting, FullyAnonymous("cat"), Day1.AddDays(1));
        // dev: only a fully anonymous comment on ann's idea: one person though no member id is stored.
        await Comment(_ideas["ann"], FullyAnonymous("dev"), Day1.AddDays(1));
        // eve: an idea held for a moderator and a comment rejected (hidden): neither counts, nor does eve.
        _ideas["eve"] = await Idea(_waiting, new Admission(new Authorship(_m["eve"], null, false), ModerationState.Held, "word list"), Day1);
        var hiddenComment = await Comment(_ideas["ann"], Named(_m["eve"]), Day1);
        await _store.Db.WriteAsync("t1", (c, tx) => Dapper.SqlMapper.Execute(c, "UPDATE comments SET moderation = 'hidden' WHERE tenant_id = 't1' AND id = @id", new { id = hiddenComment }, tx));
        // fay: a vote on eve's held idea (does not count: the idea is not public), and a named comment on the other challenge.
        await Vote(_ideas["eve"], "fay", 1, Day1);
        // gus: an idea on the other challenge (day 3), and a vote he takes back.
        var gusIdea = await Idea(_other, Named(_m["gus"]), Day1.AddDays(2));
        await Comment(gusIdea, Named(_m["fay"]), Day1.AddDays(2));

        await Vote(_ideas["ben"], "ann", 1, Day1.AddDays(1));
        await Vote(_ideas["ann"], "ben", 1, Day1.AddDays(1));
        await Vote(_ideas["ann"], "cat", 1, Day1.AddDays(1));
        await Vote(_ideas["ann"], "ann", 1, Day1.AddDays(1));
        // A vote taken back is not a vote.
        await Vote(_ideas["cat"], "gus", 1, Day1.AddDays(2));
        await _store.Votes.RemoveAsync("t1", _ideas["cat"], _m["gus"]);

        // Another tenant's activity never shows here.
        var theirs = await Idea(t2Challenge, Named(stranger), Day1, "t2");
        await _store.Votes.CastAsync("t2", theirs, stranger, 1, Day1);
    }

    [Fact]
    public async Task Each_person_counts_once_however_they_took_part_and_only_public_content_counts()
    {
        // People: ann, ben (anonymous idea + vote), cat (fully anonymous idea + vote, matched by key), dev (key only),
        // fay (a comment on the other challenge; her vote on a held idea alone would not count), gus (an idea). Not eve.
        // Ideas: ann, ben, cat, gus (eve's is held). Comments: dev's, fay's (eve's was hidden). Votes: 4 standing on public ideas.
        var stats = await _store.Stats.GetAsync("t1");
        stats.Should().Be(new SiteStats(People: 6, Ideas: 4, Comments: 2, Votes: 4));
        stats.Interactions.Should().Be(10);
    }

    [Fact]
    public async Task A_challenge_counts_only_what_happened_in_it()
    {
        (await _store.Stats.ForChallengeAsync("t1", _waiting)).Should().Be(new SiteStats(People: 4, Ideas: 3, Comments: 1, Votes: 4));
        (await _store.Stats.ForChallengeAsync("t1", _other)).Should().Be(new SiteStats(People: 2, Ideas: 1, Comments: 1, Votes: 0));
    }

    [Fact]
    public async Task A_merged_duplicate_still_counts_and_its_author_too()
    {
        var duplicate = await Idea(_waiting, Named(_m["eve"]), Day1.AddDays(2), title: "Same as ann's");
        await new MergeStore(_store.Db).MergeAsync("t1", _ideas["ann"], duplicate, _m["ann"], Day1.AddDays(3));
        var stats = await _store.Stats.GetAsync("t1");
        stats.Ideas.Should().Be(5);
        stats.People.Should().Be(7);
    }

    [Fact]
    public async Task Holding_content_later_takes_it_out_of_the_numbers()
    {
        await _store.Db.WriteAsync("t1", (c, tx) => Dapper.SqlMapper.Execute(c, "UPDATE ideas SET moderation = 'held' WHERE tenant_id = 't1' AND id = @id", new { id = _ideas["ann"] }, tx));
        // ann's idea goes, with dev's comment and the three votes on it. dev took part only there, so leaves;
        // cat still posted an idea. People: ann (her vote on ben's), ben, cat, fay, gus.
        (await _store.Stats.GetAsync("t1")).Should().Be(new SiteStats(People: 5, Ideas: 3, Comments: 1, Votes: 1));
    }

    [Fact]
    public async Task Daily_numbers_bucket_by_the_sites_day_and_count_new_people_once()
    {
        var days = await _store.Stats.DailyAsync("t1", null, TimeZoneInfo.Utc, Day1.AddDays(4));
        days.Select(d => d.Day).Should().Equal(Enumerable.Range(16, 5).Select(d => new DateOnly(2026, 11, d)));
        // Day 1: ideas by ann and ben. Day 2: cat's idea, dev's comment, four votes (ann, ben, cat, ann). Day 3: gus's idea, fay's comment.
        days.Select(d => (d.Ideas, d.Comments, d.Votes)).Should().Equal((2, 0, 0), (1, 1, 4), (1, 1, 0), (0, 0, 0), (0, 0, 0));
        days.Select(d => d.People).Should().Equal(2, 4, 2, 0, 0);
        days.Select(d => d.NewPeople).Should().Equal(2, 2, 2, 0, 0);
        days.Sum(d => d.NewPeople).Should().Be((await _store.Stats.GetAsync("t1")).People);
    }

    [Fact]
    public async Task A_blocked_member_is_not_counted_as_a_person_though_their_anonymous_posts_and_votes_still_count()
    {
        var moderation = new ModerationStore(_store.Db);
        (await moderation.BlockAsync("t1", _m["ben"], anonymousToo: false)).Named.Should().Be(0, "ben posted only anonymously");
        (await moderation.BlockAsync("t1", _m["cat"], anonymousToo: false)).Named.Should().Be(0, "cat posted only fully anonymously");
        // ben was matched by his id, cat by her key: counting either would tell that the blocked member posted anonymously.
        (await _store.Stats.GetAsync("t1")).Should().Be(new SiteStats(People: 4, Ideas: 4, Comments: 2, Votes: 4));
        var days = await _store.Stats.DailyAsync("t1", null, TimeZoneInfo.Utc, Day1.AddDays(4));
        days.Select(d => (d.Ideas, d.Comments, d.Votes)).Should().Equal((2, 0, 0), (1, 1, 4), (1, 1, 0), (0, 0, 0), (0, 0, 0));
        days.Sum(d => d.NewPeople).Should().Be(4);
    }

    [Fact]
    public async Task Nothing_counted_gives_no_days_and_zero_numbers()
    {
        (await _store.Stats.DailyAsync("t3", null, TimeZoneInfo.Utc, Day1)).Should().BeEmpty();
        (await _store.Stats.GetAsync("t3")).Should().Be(SiteStats.None);
    }

    [Fact]
    public async Task During_a_vote_storm_the_numbers_are_counted_again_at_most_once_per_interval_in_the_background_and_then_show_every_vote()
    {
        var clock = new MovableClock(Day1);
        var stats = new StatsQuery(_store.Db, StoreFixture.Keys, _store.Versions, clock, recountEvery: TimeSpan.FromSeconds(2));
        (await stats.GetAsync("t1")).Votes.Should().Be(4);

        await Vote(_ideas["cat"], "ann", 1, Day1);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await stats.GetAsync("t1")).Votes.Should().Be(4, "counted less than the interval ago: the copy stands, though a vote came in");
        (await stats.ForChallengeAsync("t1", _waiting)).Votes.Should().Be(5, "each challenge keeps its own copy");

        clock.Advance(TimeSpan.FromSeconds(1));
        (await stats.GetAsync("t1")).Votes.Should().Be(4, "once the interval is over, the next view starts a count and is answered from the copy");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await stats.GetAsync("t1")).Votes == 4 && DateTime.UtcNow < deadline) await Task.Delay(5);
        (await stats.GetAsync("t1")).Votes.Should().Be(5, "the views after the count show every vote");
    }

    [Fact]
    public async Task A_view_is_answered_from_the_last_count_while_a_slow_count_runs()
    {
        var keys = new GatedKeys();
        var clock = new MovableClock(Day1);
        var stats = new StatsQuery(_store.Db, keys, _store.Versions, clock, recountEvery: TimeSpan.FromSeconds(2));
        (await stats.GetAsync("t1")).Votes.Should().Be(4);
        _m["hal"] = (await _store.MemberAsync("t1", "hal")).Id;
        await Vote(_ideas["cat"], "hal", 1, Day1);
        keys.Close(); // hal takes part for the first time: the count stops at working out his key

        clock.Advance(TimeSpan.FromSeconds(3));
        var view = stats.GetAsync("t1");
        (await Task.WhenAny(view, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(view, "the view does not wait for the count");
        (await view).Votes.Should().Be(4);

        keys.Open();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await stats.GetAsync("t1")).Votes == 4 && DateTime.UtcNow < deadline) await Task.Delay(5);
        (await stats.GetAsync("t1")).Votes.Should().Be(5);
    }

    /// <summary>The test keys, except that while closed, working out a key waits until it is opened.</summary>
    private sealed class GatedKeys : Core.Anonymity.IAuthorKeys
    {
        private readonly ManualResetEventSlim _open = new(true);
        public void Close() => _open.Reset();
        public void Open() => _open.Set();

        public string KeyFor(string tenantId, long memberId)
        {
            _open.Wait(TimeSpan.FromSeconds(30));
            return StoreFixture.Keys.KeyFor(tenantId, memberId);
        }
    }

    [Fact]
    public async Task With_no_interval_a_write_shows_in_the_numbers_at_once()
    {
        var stats = new StatsQuery(_store.Db, StoreFixture.Keys, _store.Versions, new MovableClock(Day1), recountEvery: TimeSpan.Zero);
        (await stats.GetAsync("t1")).Votes.Should().Be(4);
        await Vote(_ideas["cat"], "ann", 1, Day1);
        (await stats.GetAsync("t1")).Votes.Should().Be(5);
    }

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    private static Admission Named(long member) => new(new Authorship(member, null, false), ModerationState.Published, null);
    private Admission FullyAnonymous(string name) => new(new Authorship(null, StoreFixture.Keys.KeyFor("t1", _m[name]), true), ModerationState.Published, null);

    private Task<long> Idea(long challenge, Admission who, DateTimeOffset at, string tenant = "t1", string title = "An idea") =>
        _store.Ideas.AddAsync(tenant, challenge, who, new NewIdea(title, "Body"), at);

    private Task<long> Comment(long idea, Admission who, DateTimeOffset at) =>
        _store.Comments.AddAsync("t1", idea, who, new Core.Comments.NewComment("A comment", null), at);

    private Task Vote(long idea, string who, int value, DateTimeOffset at) => _store.Votes.CastAsync("t1", idea, _m[who], value, at);
}
