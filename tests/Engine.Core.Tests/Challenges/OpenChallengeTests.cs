using Engine.Core.Caching;
using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Tests.Stores;
using Microsoft.Extensions.Time.Testing;
using static Engine.Core.Tests.Stores.SampleChallenges;

namespace Engine.Core.Tests.Challenges;

/// <summary>Which challenges the site shows, by address and in lists, and which take contributions.</summary>
public class OpenChallengeTests
{
    private static readonly Challenge OpensInHalfAMinute = Make(8, "opens-soon", ChallengeState.Open, Now.AddSeconds(30), Now.AddDays(30));

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly DataVersions _versions = new();
    private readonly InMemoryChallenges _store = new(Running, PastClosing, ClosedByHand, NotYetOpen, Draft, Archived, Unscheduled, OpensInHalfAMinute);
    private readonly OpenChallenge _open;

    public OpenChallengeTests() => _open = new OpenChallenge(_store, new EngineCache(_versions, _clock), NobodyAsking.Instance, _clock);

    [Fact]
    public async Task The_site_lists_its_open_and_closed_challenges_in_its_order_and_nothing_else()
    {
        var listed = await _open.ListAsync("alpha");
        listed.Select(c => c.Slug).Should().Equal("running", "past-closing", "closed-by-hand", "unscheduled");
    }

    [Theory]
    [InlineData("running")]
    [InlineData("past-closing")]
    [InlineData("closed-by-hand")]
    [InlineData("unscheduled")]
    public async Task An_open_or_closed_challenge_is_found_by_its_address_and_by_its_id(string slug)
    {
        var bySlug = await _open.FindAsync("alpha", slug);
        bySlug.Value!.Slug.Should().Be(slug);
        (await _open.FindByIdAsync("alpha", bySlug.Value.Id)).Value.Should().Be(bySlug.Value);
        (await _open.FindKeptAsync("alpha", slug)).Value.Should().Be(bySlug.Value);
    }

    [Theory]
    [InlineData("not-yet-open", 4)]
    [InlineData("draft", 5)]
    [InlineData("archived", 6)]
    [InlineData("no-such-challenge", 99)]
    public async Task A_challenge_not_on_the_site_is_not_found_rather_than_forbidden_so_its_existence_does_not_show(string slug, long id)
    {
        (await _open.FindAsync("alpha", slug)).Error!.Kind.Should().Be(ErrorKind.NotFound);
        (await _open.FindByIdAsync("alpha", id)).Error!.Kind.Should().Be(ErrorKind.NotFound);
        (await _open.FindKeptAsync("alpha", slug)).Error!.Should().Be(Error.NotFound("Challenge"));
    }

    [Fact]
    public async Task Another_tenants_challenge_is_not_found()
    {
        (await _open.FindAsync("beta", "running")).Error!.Kind.Should().Be(ErrorKind.NotFound);
        (await _open.ListAsync("beta")).Should().BeEmpty();
    }

    [Fact]
    public void Only_a_challenge_between_its_opening_and_closing_takes_contributions()
    {
        _open.TakesContributions(Running).Should().BeTrue();
        _open.TakesContributions(Unscheduled).Should().BeTrue("open with no times set means open now");
        _open.TakesContributions(PastClosing).Should().BeFalse("a closed challenge is read-only");
        _open.TakesContributions(ClosedByHand).Should().BeFalse();
        _open.TakesContributions(NotYetOpen).Should().BeFalse();
        _open.TakesContributions(Draft).Should().BeFalse();
        _open.TakesContributions(Archived).Should().BeFalse();
    }

    [Fact]
    public async Task A_challenge_appears_when_its_opening_time_comes_and_stops_taking_contributions_when_its_closing_time_comes()
    {
        _clock.SetUtcNow(NotYetOpen.OpensAt!.Value);
        (await _open.FindAsync("alpha", "not-yet-open")).Succeeded.Should().BeTrue();
        _open.TakesContributions(NotYetOpen).Should().BeTrue();
        (await _open.ListAsync("alpha")).Select(c => c.Slug).Should().Contain("not-yet-open");

        _clock.SetUtcNow(NotYetOpen.ClosesAt!.Value);
        (await _open.FindAsync("alpha", "not-yet-open")).Succeeded.Should().BeTrue("a closed challenge stays readable");
        _open.TakesContributions(NotYetOpen).Should().BeFalse();
    }

    [Fact]
    public async Task The_kept_copy_is_read_once_across_votes_but_again_after_any_other_write()
    {
        await _open.FindKeptAsync("alpha", "running");
        _versions.Changed("alpha", WriteScope.Votes);
        await _open.FindKeptAsync("alpha", "running");
        _store.SlugReads.Should().Be(1, "no vote changes a challenge");
        _versions.Changed("alpha");
        await _open.FindKeptAsync("alpha", "running");
        _store.SlugReads.Should().Be(2, "an admin editing or archiving it is such a write");
    }

    [Fact]
    public async Task The_kept_list_is_the_sites_list_read_once_across_votes_and_shows_a_challenge_opening_at_once()
    {
        (await _open.ListKeptAsync("alpha")).Should().Equal(await _open.ListAsync("alpha"));
        _versions.Changed("alpha", WriteScope.Votes);
        _clock.Advance(TimeSpan.FromSeconds(30));
        (await _open.ListKeptAsync("alpha")).Select(c => c.Slug).Should().Contain("opens-soon", "whether it is on the site is decided afresh");
        _store.ListReads.Should().Be(2, "one for ListAsync, one for the kept copy");
        _versions.Changed("alpha");
        await _open.ListKeptAsync("alpha");
        _store.ListReads.Should().Be(3, "a new idea or an admin's edit is a write besides votes");
        (await _open.ListKeptAsync("beta")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_kept_challenge_that_has_come_to_its_opening_time_shows_at_once()
    {
        (await _open.FindKeptAsync("alpha", "opens-soon")).Succeeded.Should().BeFalse();
        _clock.Advance(TimeSpan.FromSeconds(30));
        (await _open.FindKeptAsync("alpha", "opens-soon")).Succeeded.Should().BeTrue();
        _store.SlugReads.Should().Be(1, "the copy is kept; whether it is on the site is decided afresh");
    }
}
