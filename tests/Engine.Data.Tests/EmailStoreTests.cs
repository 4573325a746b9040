using Engine.Core.Email;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

public sealed class EmailStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _f = new();
    private static readonly Sender Sender = new("Alpha <ideas@alpha.test>", null);
    public Task InitializeAsync() => _f.InitializeAsync();
    public Task DisposeAsync() => _f.DisposeAsync();

    private EmailStore Store => new(_f.Db);

    private static OutgoingEmail Email(long memberId, string subject = "Hello") =>
        new(EmailKind.Reply, memberId, "pat@x.nhs.uk", "Pat", subject, "Body", "https://alpha.test/email/unsubscribe?token=t");

    [Fact]
    public async Task A_claimed_email_is_not_claimed_again_until_its_lease_runs_out_and_a_sent_one_never()
    {
        var pat = await _f.MemberAsync("alpha", "pat");
        await Store.EnqueueAsync("alpha", Sender, [Email(pat.Id)], StoreFixture.Now);

        var first = await Store.ClaimDueAsync(StoreFixture.Now, TimeSpan.FromMinutes(2), 10);
        first.Should().ContainSingle().Which.From.Should().Be("Alpha <ideas@alpha.test>");
        (await Store.ClaimDueAsync(StoreFixture.Now.AddMinutes(1), TimeSpan.FromMinutes(2), 10)).Should().BeEmpty("another sender holds it");
        var reclaimed = await Store.ClaimDueAsync(StoreFixture.Now.AddMinutes(3), TimeSpan.FromMinutes(2), 10);
        reclaimed.Should().ContainSingle("a sender that died mid-send lets go when its lease runs out");

        await Store.MarkSentAsync(reclaimed[0], StoreFixture.Now.AddMinutes(3));
        (await Store.ClaimDueAsync(StoreFixture.Now.AddHours(1), TimeSpan.FromMinutes(2), 10)).Should().BeEmpty();
        (await Store.PendingCountAsync("alpha")).Should().Be(0);
    }

    [Fact]
    public async Task The_html_part_is_kept_with_the_text_and_an_email_without_one_stays_without()
    {
        var pat = await _f.MemberAsync("alpha", "pat");
        await Store.EnqueueAsync("alpha", Sender, [Email(pat.Id, "text only"), Email(pat.Id, "both") with { Html = "<p>Hello “Pat”</p>" }], StoreFixture.Now);

        var claimed = await Store.ClaimDueAsync(StoreFixture.Now, TimeSpan.FromMinutes(2), 10);

        claimed.Single(e => e.Subject == "both").Html.Should().Be("<p>Hello “Pat”</p>");
        claimed.Single(e => e.Subject == "text only").Html.Should().BeNull();
    }

    [Fact]
    public async Task A_failed_email_waits_until_its_retry_time_and_one_given_up_on_is_not_pending()
    {
        var pat = await _f.MemberAsync("alpha", "pat");
        await Store.EnqueueAsync("alpha", Sender, [Email(pat.Id, "one"), Email(pat.Id, "two")], StoreFixture.Now);
        var claimed = await Store.ClaimDueAsync(StoreFixture.Now, TimeSpan.FromMinutes(2), 10);
        claimed.Select(e => e.Subject).Should().Equal("one", "two");

        await Store.MarkFailedAsync(claimed[0], "451 busy", StoreFixture.Now.AddMinutes(10), StoreFixture.Now);
        await Store.MarkFailedAsync(claimed[1], "550 no such user", null, StoreFixture.Now);

        (await Store.ClaimDueAsync(StoreFixture.Now.AddMinutes(5), TimeSpan.FromMinutes(2), 10)).Should().BeEmpty();
        var retried = await Store.ClaimDueAsync(StoreFixture.Now.AddMinutes(10), TimeSpan.FromMinutes(2), 10);
        retried.Should().ContainSingle().Which.Attempts.Should().Be(1);
        (await Store.PendingCountAsync("alpha")).Should().Be(1);
    }

    [Fact]
    public async Task Preferences_default_until_saved_and_are_kept_per_tenant()
    {
        var pat = await _f.MemberAsync("alpha", "pat");
        var sam = await _f.MemberAsync("beta", "sam");
        (await Store.PreferencesAsync("alpha", pat.Id)).Should().Be(EmailPreferences.Default);
        var chosen = new EmailPreferences(false, true, false, true, DigestFrequency.Daily);
        await Store.SavePreferencesAsync("alpha", pat.Id, chosen, StoreFixture.Now);
        (await Store.PreferencesAsync("alpha", pat.Id)).Should().Be(chosen);
        (await Store.PreferencesAsync("beta", sam.Id)).Should().Be(EmailPreferences.Default);
    }

    [Fact]
    public async Task Participants_of_a_challenge_are_its_authors_commenters_and_voters_only()
    {
        var challenge = await _f.ChallengeAsync("alpha");
        var other = await _f.ChallengeAsync("alpha", "other");
        var author = await _f.MemberAsync("alpha", "author");
        var voter = await _f.MemberAsync("alpha", "voter");
        var commenter = await _f.MemberAsync("alpha", "commenter");
        var elsewhere = await _f.MemberAsync("alpha", "elsewhere");
        var idea = await _f.IdeaAsync("alpha", challenge.Id, author.Id, anonymous: true);
        await _f.IdeaAsync("alpha", other.Id, elsewhere.Id);
        await _f.Votes.CastAsync("alpha", idea, voter.Id, 1, StoreFixture.Now);
        await _f.Comments.AddAsync("alpha", idea, StoreFixture.Published(commenter.Id), new Core.Comments.NewComment("Yes", null), StoreFixture.Now);

        var participants = await Store.ParticipantsAsync("alpha", challenge.Id);
        participants.Select(p => p.DisplayName).Should().BeEquivalentTo(["author", "voter", "commenter"]);
    }
}
