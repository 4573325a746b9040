using Engine.Core.Caching;
using Engine.Core.Common;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Core.Tests.Caching;

/// <summary>The rules every kept copy follows, whichever query it comes from.</summary>
public class EngineCacheTests
{
    private readonly DataVersions _versions = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private int _reads;

    // Keys as a query would declare them: what is read, and of which tenant.
    private sealed record IdeasOfChallenge(string TenantId, long ChallengeId) : CacheKey<int>(TenantId);
    private sealed record MemberRow(string TenantId, long MemberId) : CacheKey<int>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }
    // The same fields as MemberRow, another kind of read.
    private sealed record SessionRow(string TenantId, long MemberId) : CacheKey<int>(TenantId);
    private sealed record RuleChoice(string TenantId) : CacheKey<int>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.NoWrite;
    }

    private EngineCache NewCache() => new(_versions, _clock);

    private Task<int> ReadAsync(EngineCache cache, CacheKey<int> key, object? madeWith = null) =>
        cache.GetAsync(key, _ => Task.FromResult(++_reads), madeWith: madeWith);

    [Fact]
    public async Task A_key_of_one_tenant_never_answers_another_tenant()
    {
        var cache = NewCache();
        (await ReadAsync(cache, new IdeasOfChallenge("alpha", 1))).Should().Be(1);
        (await ReadAsync(cache, new IdeasOfChallenge("beta", 1))).Should().Be(2, "the same challenge id on another tenant is another read");
        (await ReadAsync(cache, new IdeasOfChallenge("alpha", 1))).Should().Be(1);
        (await ReadAsync(cache, new IdeasOfChallenge("beta", 1))).Should().Be(2);
    }

    [Fact]
    public async Task Two_kinds_of_key_with_the_same_fields_are_never_mixed_up()
    {
        var cache = NewCache();
        (await ReadAsync(cache, new MemberRow("alpha", 1))).Should().Be(1);
        (await ReadAsync(cache, new SessionRow("alpha", 1))).Should().Be(2);
        _versions.Changed("alpha", WriteScope.Votes);
        (await ReadAsync(cache, new MemberRow("alpha", 1))).Should().Be(1, "the member row is kept across the vote");
        (await ReadAsync(cache, new SessionRow("alpha", 1))).Should().Be(3, "the other kind is not");
    }

    [Fact]
    public async Task A_vote_on_ideas_of_a_challenge_drops_what_votes_change_of_that_tenant_and_nothing_else()
    {
        var cache = NewCache();
        await ReadAsync(cache, new IdeasOfChallenge("alpha", 1));
        await ReadAsync(cache, new MemberRow("alpha", 7));
        await ReadAsync(cache, new IdeasOfChallenge("beta", 1));
        await ReadAsync(cache, new RuleChoice("alpha"));

        _versions.Changed("alpha", WriteScope.Votes);

        (await ReadAsync(cache, new IdeasOfChallenge("alpha", 1))).Should().Be(5, "a vote moves the counts and the ranking of the challenge's ideas");
        (await ReadAsync(cache, new MemberRow("alpha", 7))).Should().Be(2, "a vote cannot change a member row");
        (await ReadAsync(cache, new IdeasOfChallenge("beta", 1))).Should().Be(3, "another tenant's ideas did not change");
        (await ReadAsync(cache, new RuleChoice("alpha"))).Should().Be(4, "a rule choice changes with the tenant's definition, not with its data");
    }

    [Fact]
    public async Task Any_other_write_of_the_tenant_drops_every_copy_a_write_can_change_and_a_write_of_unknown_tenant_drops_every_tenants()
    {
        var cache = NewCache();
        await ReadAsync(cache, new IdeasOfChallenge("alpha", 1));
        await ReadAsync(cache, new MemberRow("alpha", 7));
        await ReadAsync(cache, new IdeasOfChallenge("beta", 1));

        _versions.Changed("alpha");
        (await ReadAsync(cache, new IdeasOfChallenge("alpha", 1))).Should().Be(4);
        (await ReadAsync(cache, new MemberRow("alpha", 7))).Should().Be(5, "a block or a role change is a write besides votes");
        (await ReadAsync(cache, new IdeasOfChallenge("beta", 1))).Should().Be(3);

        _versions.Changed(null);
        (await ReadAsync(cache, new IdeasOfChallenge("beta", 1))).Should().Be(6);
        (await ReadAsync(cache, new MemberRow("alpha", 7))).Should().Be(7);
    }

    [Fact]
    public async Task A_record_no_page_shows_keeps_every_copy()
    {
        var cache = NewCache();
        await ReadAsync(cache, new IdeasOfChallenge("alpha", 1));
        _versions.Changed("alpha", WriteScope.Records);
        (await ReadAsync(cache, new IdeasOfChallenge("alpha", 1))).Should().Be(1);
    }

    [Fact]
    public async Task A_write_committed_while_reading_leaves_no_stale_copy_behind()
    {
        var cache = NewCache();
        // The write lands between taking the version and finishing the read.
        await cache.GetAsync(new IdeasOfChallenge("alpha", 1), _ => { _versions.Changed("alpha"); return Task.FromResult(++_reads); });
        (await ReadAsync(cache, new IdeasOfChallenge("alpha", 1))).Should().Be(2);
    }

    [Fact]
    public async Task A_copy_expires_after_its_keys_maximum_age()
    {
        var cache = NewCache();
        await ReadAsync(cache, new IdeasOfChallenge("alpha", 1));
        await ReadAsync(cache, new MemberRow("alpha", 7));
        await ReadAsync(cache, new RuleChoice("alpha"));
        _clock.Advance(CacheKey.DefaultMaxAge - TimeSpan.FromMilliseconds(1));
        (await ReadAsync(cache, new IdeasOfChallenge("alpha", 1))).Should().Be(1);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        (await ReadAsync(cache, new IdeasOfChallenge("alpha", 1))).Should().Be(4, "a challenge can close without any write, so nothing is kept for ever");
        (await ReadAsync(cache, new MemberRow("alpha", 7))).Should().Be(2, "its key keeps it longer");
        _clock.Advance(CacheKey.MaxAgeBesidesVotes);
        (await ReadAsync(cache, new MemberRow("alpha", 7))).Should().Be(5);
        _clock.Advance(TimeSpan.FromDays(1000));
        (await ReadAsync(cache, new RuleChoice("alpha"))).Should().Be(3, "a key with no maximum age is kept until what it was made with changes");
    }

    [Fact]
    public async Task A_copy_is_good_only_for_the_very_object_it_was_made_with()
    {
        var cache = NewCache();
        object rule = new(), newRule = new();
        (await ReadAsync(cache, new RuleChoice("alpha"), rule)).Should().Be(1);
        (await ReadAsync(cache, new RuleChoice("alpha"), rule)).Should().Be(1);
        (await ReadAsync(cache, new RuleChoice("alpha"), newRule)).Should().Be(2, "the tenant's definition or voting rule changed");
        (await ReadAsync(cache, new RuleChoice("alpha"))).Should().Be(3);
    }

    [Fact]
    public async Task A_copy_made_with_several_things_is_good_only_while_each_is_the_same()
    {
        var cache = NewCache();
        object definition = new(), newDefinition = new();
        (await ReadAsync(cache, new RuleChoice("alpha"), (definition, 1))).Should().Be(1);
        (await ReadAsync(cache, new RuleChoice("alpha"), (definition, 1))).Should().Be(1, "the same definition and plugin generation");
        (await ReadAsync(cache, new RuleChoice("alpha"), (definition, 2))).Should().Be(2, "a plugin was swapped");
        (await ReadAsync(cache, new RuleChoice("alpha"), (newDefinition, 2))).Should().Be(3, "the tenant's definition changed");
    }

    [Fact]
    public void A_reading_taken_before_a_write_is_not_kept_for_the_readings_after_it()
    {
        var cache = NewCache();
        var key = new IdeasOfChallenge("alpha", 1);
        var reading = cache.Begin(key);
        reading.TryHit(out _).Should().BeFalse();
        _versions.Changed("alpha");
        reading.Keep(41);
        cache.Begin(key).TryHit(out _).Should().BeFalse("the page was built from data older than the write");
        var next = cache.Begin(key);
        next.Keep(42);
        cache.Begin(key).TryHit(out var kept).Should().BeTrue();
        kept.Should().Be(42);
    }

    [Fact]
    public async Task Hits_misses_and_entries_are_counted_per_kind_of_key()
    {
        var cache = NewCache();
        await ReadAsync(cache, new IdeasOfChallenge("alpha", 1));
        await ReadAsync(cache, new IdeasOfChallenge("alpha", 1));
        await ReadAsync(cache, new IdeasOfChallenge("alpha", 1));
        await ReadAsync(cache, new IdeasOfChallenge("beta", 1));
        await ReadAsync(cache, new MemberRow("alpha", 7));
        _versions.Changed("alpha");
        await ReadAsync(cache, new MemberRow("alpha", 7));

        var stats = cache.Stats().ToDictionary(s => s.Kind);
        stats.Keys.Should().BeEquivalentTo(["IdeasOfChallenge", "MemberRow"]);
        stats["IdeasOfChallenge"].Should().BeEquivalentTo(new { Hits = 2L, Misses = 2L, Entries = 2 });
        stats["IdeasOfChallenge"].HitRate.Should().Be(0.5);
        stats["MemberRow"].Should().BeEquivalentTo(new { Hits = 0L, Misses = 2L, Entries = 1 }, "a stale copy is a miss, and its place is taken");
        stats["MemberRow"].HitRate.Should().Be(0);
    }

    [Fact]
    public async Task Each_kind_is_bounded_by_its_own_number_of_entries()
    {
        var cache = NewCache();
        await ReadAsync(cache, new MemberRow("alpha", 0));
        for (var i = 0; i < 3 * CacheKey.DefaultMaxEntries; i++)
            cache.Begin(new IdeasOfChallenge("alpha", i)).Keep(i);
        cache.Stats().Single(s => s.Kind == "IdeasOfChallenge").Entries.Should().BeLessThanOrEqualTo(CacheKey.DefaultMaxEntries + 1024);
        (await ReadAsync(cache, new MemberRow("alpha", 0))).Should().Be(1, "a crawler's pages do not push out the members' rows");
    }
}
