using Engine.Core.Comments;
using Engine.Core.Ideas;

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
        await _store.Comments.AddAsync("t1", id, nurse.Id, new NewComment("Also me", true, null), StoreFixture.Now);

        var idea = (await _store.Ideas.FindAsync("t1", id))!;
        idea.Author.Should().BeNull();
        idea.Anonymous.Should().BeTrue();
        (await _store.Ideas.ListAsync("t1", challenge.Id, IdeaSort.New, 1, 30, StoreFixture.Now)).Items.Single().Author.Should().BeNull();
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
    public async Task Sorting_orders_by_score_newness_discussion_and_decayed_score()
    {
        var c = await _store.ChallengeAsync("t1");
        var m = await _store.MemberAsync("t1", "m");
        var voters = new List<long>();
        for (var i = 0; i < 5; i++) voters.Add((await _store.MemberAsync("t1", $"v{i}")).Id);

        var old = await _store.Ideas.AddAsync("t1", c.Id, m.Id, new NewIdea("Old popular idea", "b", false), StoreFixture.Now.AddDays(-20));
        var fresh = await _store.Ideas.AddAsync("t1", c.Id, m.Id, new NewIdea("Fresh idea", "b", false), StoreFixture.Now.AddHours(-1));
        var talked = await _store.Ideas.AddAsync("t1", c.Id, m.Id, new NewIdea("Talked about", "b", false), StoreFixture.Now.AddDays(-5));
        foreach (var v in voters) await _store.Votes.CastAsync("t1", old, v, 1, StoreFixture.Now);
        foreach (var v in voters.Take(2)) await _store.Votes.CastAsync("t1", fresh, v, 1, StoreFixture.Now);
        for (var i = 0; i < 3; i++) await _store.Comments.AddAsync("t1", talked, m.Id, new NewComment($"c{i}", false, null), StoreFixture.Now);

        async Task<long[]> Order(IdeaSort sort) =>
            (await _store.Ideas.ListAsync("t1", c.Id, sort, 1, 30, StoreFixture.Now)).Items.Select(i => i.Id).ToArray();
        (await Order(IdeaSort.Top)).Should().Equal(old, fresh, talked);
        (await Order(IdeaSort.New)).Should().Equal(fresh, talked, old);
        (await Order(IdeaSort.Discussed)).First().Should().Be(talked);
        (await Order(IdeaSort.Trending)).First().Should().Be(fresh);
    }

    [Fact]
    public async Task Pages_hold_the_requested_slice_and_the_total()
    {
        var c = await _store.ChallengeAsync("t1");
        var m = await _store.MemberAsync("t1", "m");
        for (var i = 0; i < 7; i++) await _store.IdeaAsync("t1", c.Id, m.Id, title: $"Idea number {i}");
        var page = await _store.Ideas.ListAsync("t1", c.Id, IdeaSort.New, 3, 3, StoreFixture.Now);
        page.Total.Should().Be(7);
        page.Items.Should().ContainSingle();
        page.PageCount.Should().Be(3);
    }

    [Fact]
    public async Task Stats_count_a_person_once_however_they_took_part()
    {
        var c = await _store.ChallengeAsync("t1");
        var alice = await _store.MemberAsync("t1", "alice");
        var bob = await _store.MemberAsync("t1", "bob");
        await _store.MemberAsync("t1", "lurker");
        var idea = await _store.IdeaAsync("t1", c.Id, alice.Id, anonymous: true);
        await _store.Comments.AddAsync("t1", idea, alice.Id, new NewComment("me again", false, null), StoreFixture.Now);
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
}
