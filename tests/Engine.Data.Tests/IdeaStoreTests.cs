using Engine.Core.Comments;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

public class IdeaStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task An_anonymous_idea_and_comment_never_come_back_with_their_author()
    {
        var challenge = await _store.ChallengeAsync("t1");
        var nurse = await _store.MemberAsync("t1", "nurse");
        var id = await _store.IdeaAsync("t1", challenge.Id, nurse.Id, anonymous: true);
        await _store.Comments.AddAsync("t1", id, StoreFixture.Published(nurse.Id, anonymous: true), new NewComment("Also me", null), StoreFixture.Now);

        var idea = (await _store.Ideas.FindAsync("t1", id))!;
        idea.Author.Should().BeNull();
        idea.Anonymous.Should().BeTrue();
        (await _store.Ideas.FindManyAsync("t1", [id])).Single().Author.Should().BeNull();
        (await _store.Comments.ListForIdeaAsync("t1", id)).Single().Author.Should().BeNull();
    }

    [Fact]
    public async Task A_named_idea_carries_its_author()
    {
        var challenge = await _store.ChallengeAsync("t1");
        var nurse = await _store.MemberAsync("t1", "nurse");
        var id = await _store.IdeaAsync("t1", challenge.Id, nurse.Id);
        (await _store.Ideas.FindAsync("t1", id))!.Author!.DisplayName.Should().Be("nurse");
    }

    [Fact]
    public async Task Ids_are_per_tenant_and_one_tenant_cannot_read_another_tenants_idea()
    {
        var a = await _store.ChallengeAsync("tenant-a");
        var b = await _store.ChallengeAsync("tenant-b");
        var alice = await _store.MemberAsync("tenant-a", "alice");
        var bob = await _store.MemberAsync("tenant-b", "bob");
        var first = await _store.IdeaAsync("tenant-a", a.Id, alice.Id);
        var second = await _store.IdeaAsync("tenant-a", a.Id, alice.Id);
        var other = await _store.IdeaAsync("tenant-b", b.Id, bob.Id);

        (first, second, other).Should().Be((1L, 2L, 1L));
        (await _store.Ideas.FindAsync("tenant-b", second)).Should().BeNull();
        (await _store.Ideas.FindAsync("tenant-b", other))!.Title.Should().Be("Text patients their place");
        (await _store.Challenges.FindBySlugAsync("tenant-c", "waiting-well")).Should().BeNull();
    }

    [Fact]
    public async Task The_same_email_can_register_on_two_tenants_but_only_once_on_each()
    {
        await _store.MemberAsync("tenant-a", "sam");
        await _store.MemberAsync("tenant-b", "sam");
        var again = new Core.Members.Member { TenantId = "tenant-a", Email = "sam@x.nhs.uk", NormalizedEmail = "SAM@X.NHS.UK", DisplayName = "Sam" };
        (await _store.Members.AddAsync(again)).Should().BeFalse();
    }

    [Fact]
    public async Task Tallies_carry_what_ranking_needs_and_sorting_orders_by_score_newness_discussion_and_decay()
    {
        var c = await _store.ChallengeAsync("t1");
        var m = await _store.MemberAsync("t1", "m");
        var voters = new List<long>();
        for (var i = 0; i < 5; i++) voters.Add((await _store.MemberAsync("t1", $"v{i}")).Id);

        var old = await _store.Ideas.AddAsync("t1", c.Id, StoreFixture.Published(m.Id), new NewIdea("Old popular idea", "b"), StoreFixture.Now.AddDays(-20));
        var fresh = await _store.Ideas.AddAsync("t1", c.Id, StoreFixture.Published(m.Id), new NewIdea("Fresh idea", "b"), StoreFixture.Now.AddHours(-1));
        var talked = await _store.Ideas.AddAsync("t1", c.Id, StoreFixture.Published(m.Id), new NewIdea("Talked about", "b"), StoreFixture.Now.AddDays(-5));
        foreach (var v in voters) await _store.Votes.CastAsync("t1", old, v, 1, StoreFixture.Now);
        foreach (var v in voters.Take(2)) await _store.Votes.CastAsync("t1", fresh, v, 1, StoreFixture.Now);
        for (var i = 0; i < 3; i++) await _store.Comments.AddAsync("t1", talked, StoreFixture.Published(m.Id), new NewComment($"c{i}", null), StoreFixture.Now);

        var tallies = await _store.Ideas.TalliesAsync("t1", c.Id);
        tallies.Single(t => t.IdeaId == old).Should().Match<Sdk.IdeaTally>(t => t.Up == 5 && t.Voters == 5);
        IReadOnlyList<long> Order(IdeaSort sort) => ListIdeas.Order(tallies, sort, Core.Rules.BuiltInVoting.Instance, StoreFixture.Now);
        Order(IdeaSort.Top).Should().Equal(old, fresh, talked);
        Order(IdeaSort.New).Should().Equal(fresh, talked, old);
        Order(IdeaSort.Discussed).First().Should().Be(talked);
        Order(IdeaSort.Trending).First().Should().Be(fresh);
        (await _store.Ideas.FindManyAsync("t1", [talked, old])).Select(i => i.Id).Should().Equal(talked, old);
    }

    [Fact]
    public async Task Held_ideas_and_comments_are_stored_but_never_public_nor_counted()
    {
        var c = await _store.ChallengeAsync("t1");
        var m = await _store.MemberAsync("t1", "m");
        var held = new Admission(new Authorship(m.Id, null, false), ModerationState.Held, "contains what looks like an NHS number");
        var idea = await _store.Ideas.AddAsync("t1", c.Id, held, new NewIdea("Held idea", "b"), StoreFixture.Now);
        var shown = await _store.IdeaAsync("t1", c.Id, m.Id);
        await _store.Comments.AddAsync("t1", shown, held, new NewComment("held comment", null), StoreFixture.Now);

        (await _store.Ideas.FindAsync("t1", idea)).Should().BeNull();
        (await _store.Ideas.TalliesAsync("t1", c.Id)).Select(t => t.IdeaId).Should().Equal(shown);
        (await _store.Comments.ListForIdeaAsync("t1", shown)).Should().BeEmpty();
        (await _store.Ideas.FindAsync("t1", shown))!.CommentCount.Should().Be(0);
        (await _store.Challenges.FindByIdAsync("t1", c.Id))!.IdeaCount.Should().Be(1);
        var history = await new ContributionHistory(_store.Db).ForAsync("t1", m.Id, "no-key");
        history.Contributions.Should().Be(3);
        history.Approved.Should().Be(1);
    }

    [Fact]
    public async Task A_fully_anonymous_idea_stores_no_member_only_the_key_and_history_still_finds_it()
    {
        var c = await _store.ChallengeAsync("t1");
        var m = await _store.MemberAsync("t1", "m");
        var hidden = new Admission(new Authorship(null, "k-123", true), ModerationState.Published, null);
        var id = await _store.Ideas.AddAsync("t1", c.Id, hidden, new NewIdea("Fully anonymous idea", "b"), StoreFixture.Now);
        await using (var db = _store.Db.OpenReader())
            (await Dapper.SqlMapper.QuerySingleAsync<(long? AuthorId, string AuthorKey)>(db,
                "SELECT author_id, author_key FROM ideas WHERE tenant_id = 't1' AND id = @id", new { id })).Should().Be(((long?)null, "k-123"));
        (await new ContributionHistory(_store.Db).ForAsync("t1", m.Id, "k-123")).Contributions.Should().Be(1);
    }

    [Fact]
    public async Task Pages_hold_the_requested_slice_and_the_total()
    {
        var c = await _store.ChallengeAsync("t1");
        var m = await _store.MemberAsync("t1", "m");
        for (var i = 0; i < 7; i++) await _store.IdeaAsync("t1", c.Id, m.Id, title: $"Idea number {i}");
        var list = new ListIdeas(_store.Ideas, new BuiltInRules(), TimeProvider.System, new RuleBudget(TimeSpan.FromSeconds(1)),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ListIdeas>.Instance);
        var page = await list.PageAsync(new Core.Tenancy.TenantDefinition { Id = "t1", Name = "T" }, c, IdeaSort.New, 3, 3);
        page.Total.Should().Be(7);
        page.Items.Should().ContainSingle().Which.Title.Should().Be("Idea number 0");
        page.PageCount.Should().Be(3);
    }

    [Fact]
    public async Task A_large_challenges_page_after_a_vote_keeps_its_order_for_a_moment_but_shows_the_new_counts_and_new_ideas_at_once()
    {
        var c = await _store.ChallengeAsync("t1");
        var m = await _store.MemberAsync("t1", "m");
        var voter = await _store.MemberAsync("t1", "voter");
        var ids = new List<long>();
        for (var i = 0; i < 4; i++) ids.Add(await _store.IdeaAsync("t1", c.Id, m.Id, title: $"Idea number {i}"));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(StoreFixture.Now);
        var list = new ListIdeas(_store.Ideas, new BuiltInRules(), clock, new RuleBudget(TimeSpan.FromSeconds(1)),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ListIdeas>.Instance,
            rankings: new KeptRankings(_store.Versions, clock, largeFrom: 4, refreshEvery: TimeSpan.FromSeconds(1)));
        var tenant = new Core.Tenancy.TenantDefinition { Id = "t1", Name = "T" };
        async Task<List<(string Title, int Up)>> Top() =>
            (await list.PageAsync(tenant, c, IdeaSort.Top, 1, 10)).Items.Select(i => (i.Title, i.Up)).ToList();

        (await Top()).Select(i => i.Title).Should().Equal("Idea number 3", "Idea number 2", "Idea number 1", "Idea number 0");
        await _store.Votes.CastAsync("t1", ids[0], voter.Id, 1, StoreFixture.Now);
        (await Top()).Should().Equal([("Idea number 3", 0), ("Idea number 2", 0), ("Idea number 1", 0), ("Idea number 0", 1)],
            "the vote shows on the card at once; the idea moves up when the order is made again");
        clock.Advance(TimeSpan.FromSeconds(1));
        (await Top()).Select(i => i.Title).Should().StartWith(["Idea number 0"]);

        await _store.IdeaAsync("t1", c.Id, m.Id, title: "A new idea");
        var page = await list.PageAsync(tenant, c, IdeaSort.New, 1, 10);
        page.Items.Select(i => i.Title).Should().StartWith(["A new idea"], "a write besides votes is in the order at once");
        page.Total.Should().Be(5);
    }

    [Fact]
    public async Task The_built_in_order_has_no_time_budget_so_a_slow_ranking_is_neither_logged_as_failed_nor_made_twice()
    {
        var c = await _store.ChallengeAsync("t1");
        var m = await _store.MemberAsync("t1", "m");
        for (var i = 0; i < 3; i++) await _store.IdeaAsync("t1", c.Id, m.Id, title: $"Idea number {i}");
        var logger = new ErrorsCounted();
        // No time at all: any ranking held to the budget outruns it.
        var list = new ListIdeas(_store.Ideas, new BuiltInRules(), TimeProvider.System, new RuleBudget(TimeSpan.Zero), logger);
        var page = await list.PageAsync(new Core.Tenancy.TenantDefinition { Id = "t1", Name = "T" }, c, IdeaSort.Top, 1, 10);
        page.Items.Select(i => i.Title).Should().Equal("Idea number 2", "Idea number 1", "Idea number 0");
        logger.Errors.Should().Be(0);
    }

    private sealed class ErrorsCounted : Microsoft.Extensions.Logging.ILogger<ListIdeas>
    {
        public int Errors;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= Microsoft.Extensions.Logging.LogLevel.Error) Interlocked.Increment(ref Errors);
        }
    }

    [Fact]
    public async Task Stats_count_a_person_once_however_they_took_part()
    {
        var c = await _store.ChallengeAsync("t1");
        var alice = await _store.MemberAsync("t1", "alice");
        var bob = await _store.MemberAsync("t1", "bob");
        await _store.MemberAsync("t1", "lurker");
        var idea = await _store.IdeaAsync("t1", c.Id, alice.Id, anonymous: true);
        await _store.Comments.AddAsync("t1", idea, StoreFixture.Published(alice.Id), new NewComment("me again", null), StoreFixture.Now);
        await _store.Votes.CastAsync("t1", idea, alice.Id, 1, StoreFixture.Now);
        await _store.Votes.CastAsync("t1", idea, bob.Id, 1, StoreFixture.Now);

        var stats = await _store.Stats.GetAsync("t1");
        stats.Should().Be(new Core.Stats.SiteStats(People: 2, Ideas: 1, Comments: 1, Votes: 2));
        stats.Interactions.Should().Be(4);
        (await _store.Stats.GetAsync("t2")).Should().Be(new Core.Stats.SiteStats(0, 0, 0, 0));
    }

    [Fact]
    public async Task Syncing_challenges_updates_existing_ones_in_place()
    {
        await _store.ChallengeAsync("t1");
        var before = (await _store.Challenges.FindBySlugAsync("t1", "waiting-well"))!;
        await _store.Challenges.SyncAsync("t1", [new Core.Tenancy.ChallengeDefinition { Slug = "waiting-well", Title = "Waiting well, renamed" }]);
        var after = (await _store.Challenges.FindBySlugAsync("t1", "waiting-well"))!;
        after.Id.Should().Be(before.Id);
        after.Title.Should().Be("Waiting well, renamed");
    }

    private sealed class BuiltInRules : Core.Rules.IRuleResolver
    {
        public Core.Rules.RuleSet For(Core.Tenancy.TenantDefinition tenant, string? challengeSlug) =>
            new(tenant.Features, Core.Rules.BuiltInVoting.Instance, [], Core.Rules.BuiltInAnonymity.Instance);
    }
}
