using Engine.Core.Caching;
using Engine.Core.Common;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Core.Tests.Common;

/// <summary>The small reads a signed-in member's page makes on every view, kept in the engine's cache.</summary>
public class KeptReadsTests
{
    private readonly DataVersions _versions = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private int _reads;

    private sealed record Read(string TenantId, object Key) : CacheKey<int>(TenantId);
    private sealed record ReadVotesCannotChange(string TenantId, object Key) : CacheKey<int>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    private Task<int> ReadAsync(EngineCache kept, string tenant, object key) =>
        kept.GetAsync(new Read(tenant, key), _ => Task.FromResult(++_reads));

    [Fact]
    public async Task A_read_is_kept_until_a_write_is_committed_for_that_tenant()
    {
        var kept = new EngineCache(_versions, _clock);
        (await ReadAsync(kept, "alpha", ("votes", 1L))).Should().Be(1);
        (await ReadAsync(kept, "alpha", ("votes", 1L))).Should().Be(1, "nothing was written since");
        _versions.Changed("alpha");
        (await ReadAsync(kept, "alpha", ("votes", 1L))).Should().Be(2, "a committed write makes the copy stale at once");
    }

    [Fact]
    public async Task Another_tenants_write_leaves_the_copy_alone_but_a_write_of_unknown_tenant_does_not()
    {
        var kept = new EngineCache(_versions, _clock);
        await ReadAsync(kept, "alpha", "member");
        _versions.Changed("beta");
        (await ReadAsync(kept, "alpha", "member")).Should().Be(1);
        _versions.Changed(null);
        (await ReadAsync(kept, "alpha", "member")).Should().Be(2);
    }

    [Fact]
    public async Task Copies_are_per_tenant_and_per_key_and_expire_after_their_maximum_age()
    {
        var kept = new EngineCache(_versions, _clock);
        (await ReadAsync(kept, "alpha", ("member", 1L))).Should().Be(1);
        (await ReadAsync(kept, "beta", ("member", 1L))).Should().Be(2, "the same key on another tenant is another read");
        (await ReadAsync(kept, "alpha", ("member", 2L))).Should().Be(3);
        _clock.Advance(CacheKey.DefaultMaxAge);
        (await ReadAsync(kept, "alpha", ("member", 1L))).Should().Be(4, "a challenge can close without any write, so nothing is kept for ever");
    }

    [Fact]
    public async Task A_write_committed_while_reading_leaves_no_stale_copy_behind()
    {
        var kept = new EngineCache(_versions, _clock);
        // The write lands between taking the version and finishing the read.
        await kept.GetAsync(new Read("alpha", "challenge"), _ => { _versions.Changed("alpha"); return Task.FromResult(++_reads); });
        (await ReadAsync(kept, "alpha", "challenge")).Should().Be(2);
    }

    [Fact]
    public async Task A_read_votes_cannot_change_is_kept_across_votes_but_not_across_any_other_write()
    {
        var kept = new EngineCache(_versions, _clock);
        Task<int> ReadMemberAsync() => kept.GetAsync(new ReadVotesCannotChange("alpha", ("member", 1L)), _ => Task.FromResult(++_reads));
        (await ReadMemberAsync()).Should().Be(1);
        _versions.Changed("alpha", WriteScope.Votes);
        (await ReadMemberAsync()).Should().Be(1, "a vote cannot change a member row");
        (await ReadAsync(kept, "alpha", ("votes", 1L))).Should().Be(2);
        _versions.Changed("alpha", WriteScope.Votes);
        (await ReadAsync(kept, "alpha", ("votes", 1L))).Should().Be(3, "a read of votes is not kept across a vote");
        _versions.Changed("alpha");
        (await ReadMemberAsync()).Should().Be(4, "any other write (a block, a role change) makes the copy stale at once");
        _versions.Changed(null, WriteScope.Everything);
        (await ReadMemberAsync()).Should().Be(5, "so does a write whose tenant is not known");
        _clock.Advance(CacheKey.DefaultMaxAge);
        (await ReadMemberAsync()).Should().Be(5, "only a write changes a member row: it is kept longer than a read of votes");
        _clock.Advance(CacheKey.MaxAgeBesidesVotes);
        (await ReadMemberAsync()).Should().Be(6, "but not for ever: an operator may change it in the database by hand");
    }

    [Fact]
    public async Task The_same_key_read_both_ways_is_never_mixed_up()
    {
        var kept = new EngineCache(_versions, _clock);
        (await kept.GetAsync(new ReadVotesCannotChange("alpha", "k"), _ => Task.FromResult(++_reads))).Should().Be(1);
        (await kept.GetAsync(new Read("alpha", "k"), _ => Task.FromResult(++_reads))).Should().Be(2);
        _versions.Changed("alpha", WriteScope.Votes);
        (await kept.GetAsync(new ReadVotesCannotChange("alpha", "k"), _ => Task.FromResult(++_reads))).Should().Be(1,
            "a read votes cannot change and another read of the same thing are two keys: neither replaces the other");
        (await kept.GetAsync(new Read("alpha", "k"), _ => Task.FromResult(++_reads))).Should().Be(3, "the other read is changed by votes");
    }

    [Fact]
    public async Task A_record_no_page_shows_such_as_a_tokens_last_use_keeps_every_copy()
    {
        var kept = new EngineCache(_versions, _clock);
        var version = _versions.Of("alpha");
        await ReadAsync(kept, "alpha", "member");
        _versions.Changed("alpha", WriteScope.Records);
        _versions.Of("alpha").Should().Be(version, "cached pages stay good");
        (await ReadAsync(kept, "alpha", "member")).Should().Be(1, "kept reads stay good");
    }
}
