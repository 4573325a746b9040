using Engine.Core.Members;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

/// <summary>Members' passkeys on this run's database: found by credential id on their own site only, listed, updated and removed by their owner only.</summary>
public sealed class PasskeyStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();

    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    private PasskeyStore Passkeys => new(_store.Db);

    private static MemberPasskey Passkey(string id, long memberId, string name, int minutes = 0, string data = """{"signCount":0}""") =>
        new(id, memberId, name, StoreFixture.Now.AddMinutes(minutes), data);

    [Fact]
    public async Task A_passkey_is_listed_oldest_first_found_by_its_id_updated_in_place_and_removed_once()
    {
        var sam = await _store.MemberAsync("t1", "sam");
        await Passkeys.SaveAsync("t1", Passkey("cred-phone", sam.Id, "Phone", minutes: 5));
        await Passkeys.SaveAsync("t1", Passkey("cred-laptop", sam.Id, "Work laptop"));

        (await Passkeys.ListAsync("t1", sam.Id)).Select(p => p.Name).Should().Equal("Work laptop", "Phone");
        await Passkeys.SaveAsync("t1", Passkey("cred-phone", sam.Id, "Phone", minutes: 5, data: """{"signCount":7}"""));
        var found = await Passkeys.FindAsync("t1", "cred-phone");
        found.Should().Be(Passkey("cred-phone", sam.Id, "Phone", minutes: 5, data: """{"signCount":7}"""));
        (await Passkeys.ListAsync("t1", sam.Id)).Should().HaveCount(2);

        (await Passkeys.RemoveAsync("t1", sam.Id, "cred-phone")).Should().BeTrue();
        (await Passkeys.RemoveAsync("t1", sam.Id, "cred-phone")).Should().BeFalse();
        (await Passkeys.FindAsync("t1", "cred-phone")).Should().BeNull();
        (await Passkeys.ListAsync("t1", sam.Id)).Select(p => p.Name).Should().Equal("Work laptop");
    }

    [Fact]
    public async Task Another_member_can_neither_remove_nor_take_over_a_passkey_and_another_site_never_finds_it()
    {
        var sam = await _store.MemberAsync("t1", "sam");
        var eve = await _store.MemberAsync("t1", "eve");
        await Passkeys.SaveAsync("t1", Passkey("cred-sam", sam.Id, "Sam's phone"));

        (await Passkeys.RemoveAsync("t1", eve.Id, "cred-sam")).Should().BeFalse();
        await Passkeys.SaveAsync("t1", Passkey("cred-sam", eve.Id, "Eve's now", data: """{"evil":true}"""));

        (await Passkeys.FindAsync("t1", "cred-sam")).Should().Be(Passkey("cred-sam", sam.Id, "Sam's phone"));
        (await Passkeys.ListAsync("t1", eve.Id)).Should().BeEmpty();
        (await Passkeys.FindAsync("t2", "cred-sam")).Should().BeNull();
        (await Passkeys.ListAsync("t2", sam.Id)).Should().BeEmpty();
    }
}
