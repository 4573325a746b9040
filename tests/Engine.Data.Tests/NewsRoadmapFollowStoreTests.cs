using Dapper;
using Engine.Core.Following;
using Engine.Core.Ideas;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

/// <summary>The news, roadmap and following stores, on whichever database the run uses (lists go to PostgreSQL as arrays).</summary>
public class NewsRoadmapFollowStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();

    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task The_roadmap_lists_published_ideas_at_the_statuses_and_in_the_challenges_asked_for()
    {
        var one = (await _store.ChallengeAsync("t1")).Id;
        var two = (await _store.ChallengeAsync("t1", "home-first")).Id;
        var three = (await _store.ChallengeAsync("t1", "not-asked")).Id;
        var ann = (await _store.MemberAsync("t1", "ann")).Id;
        var shortlisted = await _store.IdeaAsync("t1", one, ann, title: "Shortlisted one");
        var testing = await _store.IdeaAsync("t1", two, ann, title: "Testing two");
        var submitted = await _store.IdeaAsync("t1", one, ann, title: "Still submitted");
        var elsewhere = await _store.IdeaAsync("t1", three, ann, title: "Shortlisted elsewhere");
        await using (var c = _store.Db.OpenReader())
        {
            await c.ExecuteAsync("UPDATE ideas SET status = 'shortlisted', status_changed_at = 1 WHERE tenant_id = 't1' AND id = @shortlisted", new { shortlisted });
            await c.ExecuteAsync("UPDATE ideas SET status = 'testing', status_changed_at = 2 WHERE tenant_id = 't1' AND id = @testing", new { testing });
            await c.ExecuteAsync("UPDATE ideas SET status = 'shortlisted' WHERE tenant_id = 't1' AND id = @elsewhere", new { elsewhere });
        }

        var roadmap = new RoadmapQuery(_store.Db);
        (await roadmap.IdeasAtAsync("t1", [one, two], [IdeaStatus.Shortlisted, IdeaStatus.Testing]))
            .Should().Equal([shortlisted, testing], "in the order they got there; not the submitted one nor the other challenge's");
        (await roadmap.IdeasAtAsync("t1", [one], [IdeaStatus.Submitted])).Should().Equal([submitted]);
        (await roadmap.IdeasAtAsync("t2", [one, two], [IdeaStatus.Shortlisted])).Should().BeEmpty("another tenant sees none of t1's");
        (await roadmap.IdeasAtAsync("t1", [], [IdeaStatus.Shortlisted])).Should().BeEmpty();
    }

    [Fact]
    public async Task Following_is_once_per_member_and_target_and_kept_per_tenant()
    {
        var follows = new FollowStore(_store.Db);
        var ann = (await _store.MemberAsync("t1", "ann")).Id;
        var bob = (await _store.MemberAsync("t1", "bob")).Id;
        var zed = (await _store.MemberAsync("t2", "zed")).Id;
        (await follows.FollowAsync("t1", FollowKind.Idea, 7, ann, StoreFixture.Now)).Should().BeTrue();
        (await follows.FollowAsync("t1", FollowKind.Idea, 7, ann, StoreFixture.Now)).Should().BeFalse("already following");
        await follows.FollowAsync("t1", FollowKind.Idea, 7, bob, StoreFixture.Now);
        await follows.FollowAsync("t1", FollowKind.Challenge, 3, ann, StoreFixture.Now);
        await follows.FollowAsync("t2", FollowKind.Idea, 7, zed, StoreFixture.Now);

        (await follows.FollowersAsync("t1", FollowKind.Idea, 7)).Should().Equal([ann, bob]);
        (await follows.IsFollowingAsync("t1", FollowKind.Challenge, 3, ann)).Should().BeTrue();
        var followed = await follows.FollowedByAsync("t1", ann);
        followed.IdeaIds.Should().Equal([7L]);
        followed.ChallengeIds.Should().Equal([3L]);

        (await follows.UnfollowAsync("t1", FollowKind.Idea, 7, ann)).Should().BeTrue();
        (await follows.UnfollowAsync("t1", FollowKind.Idea, 7, ann)).Should().BeFalse();
        (await follows.FollowersAsync("t1", FollowKind.Idea, 7)).Should().Equal([bob]);
        (await follows.FollowersAsync("t2", FollowKind.Idea, 7)).Should().Equal([zed]);
    }

    [Fact]
    public async Task News_is_published_newest_first_and_keeps_its_first_publication_time()
    {
        var news = new NewsStore(_store.Db);
        var first = await news.AddAsync("t1", "First", "Summary", "Body", 1, StoreFixture.Now);
        var second = await news.AddAsync("t1", "Second", "Summary", "Body", 1, StoreFixture.Now);
        (await news.PublishedAsync("t1", 10)).Should().BeEmpty("drafts are not published");

        await news.SetPublishedAsync("t1", first, true, 1, StoreFixture.Now.AddHours(1));
        await news.SetPublishedAsync("t1", second, true, 1, StoreFixture.Now.AddHours(2));
        (await news.PublishedAsync("t1", 10)).Select(p => p.Id).Should().Equal([second, first]);

        await news.SetPublishedAsync("t1", first, false, 1, StoreFixture.Now.AddHours(3));
        await news.SetPublishedAsync("t1", first, true, 1, StoreFixture.Now.AddHours(4));
        (await news.FindAsync("t1", first))!.PublishedAt.Should().Be(StoreFixture.Now.AddHours(1), "feed readers see the same entry");
        (await news.UpdateAsync("t1", first, "First, edited", "S", "B", 1, StoreFixture.Now.AddHours(5))).Should().BeTrue();
        (await news.AllAsync("t1")).Should().HaveCount(2);
        (await news.AllAsync("t2")).Should().BeEmpty();
        (await news.FindAsync("t2", first)).Should().BeNull();
    }
}
