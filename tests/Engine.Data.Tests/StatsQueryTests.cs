using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Stats;
using Engine.Data.Stores;
using Microsoft.Extensions.Time.Testing;

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
        await new ModerationStore(_store.Db).SetStateAsync("t1", Engine.Sdk.ContributionKind.Comment, hiddenComment, [ModerationState.Published], ModerationState.Hidden, null, _m["ann"], Day1);
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

    [Theory]
    [InlineData(2)]
    [InlineData(300)]
    public async Task A_reader_after_a_quiet_spell_is_never_shown_a_count_older_than_the_interval(int secondsLater)
    {
        var clock = new FakeTimeProvider(Day1);
        var stats = new StatsQuery(_store.Db, StoreFixture.Keys, _store.Versions, clock, recountEvery: TimeSpan.FromSeconds(2));
        (await stats.GetAsync("t1")).Votes.Should().Be(4);
        (await stats.ForChallengeAsync("t1", _waiting)).Votes.Should().Be(4);

        await Vote(_ideas["cat"], "ann", 1, Day1);
        clock.Advance(TimeSpan.FromSeconds(secondsLater));
        (await stats.GetAsync("t1")).Votes.Should().Be(5, $"the vote was cast {secondsLater} s ago, and the numbers promise to show it within 2 s");
        (await stats.ForChallengeAsync("t1", _waiting)).Votes.Should().Be(5);
    }

    [Fact]
    public async Task During_a_vote_storm_views_within_the_interval_show_the_copy_and_from_half_of_it_a_count_runs_in_the_background()
    {
        var clock = new FakeTimeProvider(Day1);
        var stats = new StatsQuery(_store.Db, StoreFixture.Keys, _store.Versions, clock, recountEvery: TimeSpan.FromSeconds(2));
        (await stats.GetAsync("t1")).Votes.Should().Be(4);

        await Vote(_ideas["cat"], "ann", 1, Day1);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        (await stats.GetAsync("t1")).Votes.Should().Be(4, "counted less than the interval ago: the copy stands, though a vote came in");
        (await stats.ForChallengeAsync("t1", _waiting)).Votes.Should().Be(5, "each challenge keeps its own copy");

        var recounted = Recounted(stats, "t1", null);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        (await stats.GetAsync("t1")).Votes.Should().Be(4, "half the interval on, a view starts a count and is answered from the copy");
        await recounted;
        (await stats.GetAsync("t1")).Votes.Should().Be(5, "the views after the count show every vote");
    }

    [Fact]
    public async Task A_view_within_the_interval_is_answered_from_the_last_count_while_a_slow_count_runs()
    {
        var (keys, clock, stats) = await CountedThenANewVoterAsync("hal");
        var recounted = Recounted(stats, "t1", null);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var view = stats.GetAsync("t1");
        view.IsCompleted.Should().BeTrue("the view does not wait for the count it started");
        (await view).Votes.Should().Be(4);

        keys.Open();
        await recounted;
        (await stats.GetAsync("t1")).Votes.Should().Be(5);
    }

    [Fact]
    public async Task A_view_that_finds_the_copy_too_old_waits_for_the_count_already_running_and_shows_the_write()
    {
        var (keys, clock, stats) = await CountedThenANewVoterAsync("ian");
        var counts = 0;
        stats.Recounted += (tenant, challenge) => { if (tenant == "t1" && challenge is null) Interlocked.Increment(ref counts); };
        clock.Advance(TimeSpan.FromSeconds(1));
        (await stats.GetAsync("t1")).Votes.Should().Be(4, "the count it started is held up; the copy is still within the interval");
        clock.Advance(TimeSpan.FromSeconds(1));
        var view = stats.GetAsync("t1");
        view.IsCompleted.Should().BeFalse("the copy is now as old as the interval: the view waits for the count");
        keys.Open();
        (await view).Votes.Should().Be(5);
        counts.Should().Be(1, "the view joined the count that was running rather than starting its own");
    }

    /// <summary>
    /// The numbers counted (4 votes), then a vote by <paramref name="voter"/>, who takes part for the first time, with the
    /// keys closed: a count then stops at working out the new voter's key until the test opens them.
    /// </summary>
    private async Task<(GatedKeys Keys, FakeTimeProvider Clock, StatsQuery Stats)> CountedThenANewVoterAsync(string voter)
    {
        var keys = new GatedKeys();
        var clock = new FakeTimeProvider(Day1);
        var stats = new StatsQuery(_store.Db, keys, _store.Versions, clock, recountEvery: TimeSpan.FromSeconds(2));
        (await stats.GetAsync("t1")).Votes.Should().Be(4);
        _m[voter] = (await _store.MemberAsync("t1", voter)).Id;
        await Vote(_ideas["cat"], voter, 1, Day1);
        keys.Close();
        return (keys, clock, stats);
    }

    /// <summary>Completes when <paramref name="stats"/> has counted (and kept) the numbers of the tenant or challenge.</summary>
    private static Task Recounted(StatsQuery stats, string tenantId, long? challengeId)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stats.Recounted += (tenant, challenge) => { if (tenant == tenantId && challenge == challengeId) done.TrySetResult(); };
        return done.Task;
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
        var stats = new StatsQuery(_store.Db, StoreFixture.Keys, _store.Versions, new FakeTimeProvider(Day1), recountEvery: TimeSpan.Zero);
        (await stats.GetAsync("t1")).Votes.Should().Be(4);
        await Vote(_ideas["cat"], "ann", 1, Day1);
        (await stats.GetAsync("t1")).Votes.Should().Be(5);
    }

    private static Admission Named(long member) => new(new Authorship(member, null, false), ModerationState.Published, null);
    private Admission FullyAnonymous(string name) => new(new Authorship(null, StoreFixture.Keys.KeyFor("t1", _m[name]), true), ModerationState.Published, null);

    private Task<long> Idea(long challenge, Admission who, DateTimeOffset at, string tenant = "t1", string title = "An idea") =>
        _store.Ideas.AddAsync(tenant, challenge, who, new NewIdea(title, "Body"), at);

    private Task<long> Comment(long idea, Admission who, DateTimeOffset at) =>
        _store.Comments.AddAsync("t1", idea, who, new Core.Comments.NewComment("A comment", null), at);

    private Task Vote(long idea, string who, int value, DateTimeOffset at) => _store.Votes.CastAsync("t1", idea, _m[who], value, at);
}
