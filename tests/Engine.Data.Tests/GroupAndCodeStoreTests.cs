using Engine.Data.Stores;

namespace Engine.Data.Tests;

/// <summary>
/// On this run's database: renaming and deleting a group touches that site's group only, and deleting takes its members'
/// places and invite links with it; an authenticator code's step is taken once, even by two requests at the same moment.
/// </summary>
public sealed class GroupAndCodeStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();

    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    private GroupStore Groups => new(_store.Db);
    private AuthenticatorStepStore Steps => new(_store.Db);

    [Fact]
    public async Task Deleting_a_group_takes_its_members_and_invite_links_and_leaves_other_groups_and_sites_alone()
    {
        var ann = await _store.MemberAsync("t1", "ann");
        var bob = await _store.MemberAsync("t2", "bob");
        foreach (var (tenant, member) in new[] { ("t1", ann.Id), ("t2", bob.Id) })
        {
            (await Groups.CreateAsync(tenant, "ward-7", "Ward 7", StoreFixture.Now)).Should().BeTrue();
            await Groups.AddMemberAsync(tenant, "ward-7", member, "admin", StoreFixture.Now);
            await Groups.CreateInviteAsync(tenant, "ward-7", $"hash-{tenant}", StoreFixture.Now.AddDays(7), member, StoreFixture.Now);
        }
        (await Groups.CreateAsync("t1", "ward-8", "Ward 8", StoreFixture.Now)).Should().BeTrue();
        await Groups.AddMemberAsync("t1", "ward-8", ann.Id, "admin", StoreFixture.Now);

        await Groups.RenameAsync("t1", "ward-7", "Ward seven nurses");
        (await Groups.ListAsync("t1")).Select(g => (g.Slug, g.Name)).Should().Equal(("ward-8", "Ward 8"), ("ward-7", "Ward seven nurses"));
        (await Groups.ListAsync("t2")).Single().Name.Should().Be("Ward 7", "another site's group of the same slug keeps its name");

        await Groups.DeleteAsync("t1", "ward-7");
        (await Groups.ListAsync("t1")).Select(g => g.Slug).Should().Equal("ward-8");
        (await Groups.GroupsOfAsync("t1", ann.Id)).Should().Equal("ward-8");
        (await Groups.InvitesAsync("t1", "ward-7")).Should().BeEmpty();
        (await Groups.FindInviteAsync("t1", "hash-t1")).Should().BeNull();
        (await Groups.GroupsOfAsync("t2", bob.Id)).Should().Equal("ward-7");
        (await Groups.FindInviteAsync("t2", "hash-t2")).Should().NotBeNull();
    }

    [Fact]
    public async Task A_step_is_used_once_even_by_two_requests_at_once_an_older_one_never_and_a_new_key_starts_afresh()
    {
        var ann = await _store.MemberAsync("t1", "ann");
        var bob = await _store.MemberAsync("t1", "bob");
        var both = await Task.WhenAll(Steps.UseAsync("t1", ann.Id, 1000), Steps.UseAsync("t1", ann.Id, 1000));
        both.Count(used => used).Should().Be(1, "of two requests with the same code, one wins");
        (await Steps.UseAsync("t1", ann.Id, 999)).Should().BeFalse("an older code than one used");
        (await Steps.UseAsync("t1", bob.Id, 1000)).Should().BeTrue("each member's codes are their own");
        (await Steps.UseAsync("t1", ann.Id, 1001)).Should().BeTrue("the app's next code");

        await Steps.ForgetAsync("t1", ann.Id);
        (await Steps.UseAsync("t1", ann.Id, 990)).Should().BeTrue("a new key's codes owe nothing to the old one's");
    }
}
