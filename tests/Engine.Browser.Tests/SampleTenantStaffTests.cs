using Engine.Core.Members;
using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// The people who run each sample tenant (read unchanged from tenants/), through the admin pages: an admin switches
/// thumbs-down on the settings page and the public buttons follow; a moderator approves an idea that the site's
/// own personal-data rule held. Its own collection's engine, so switching thumbs-down here surprises no journey.
/// </summary>
[Collection("accessibility")]
public sealed class SampleTenantStaffTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("home4noon")]
    [InlineData("london-community")]
    [InlineData("solving-together")]
    public async Task An_admin_turns_thumbs_down_off_on_the_settings_page_and_the_down_buttons_follow_on_the_sample_site(string tenantId)
    {
        var sample = SampleTenant.For(tenantId);
        var site = sample.Site;
        using var author = await ApiMember.RegisterAsync(fixture.Engine, site, "Vic Voter");
        var (idea, held) = await author.PostIdeaEitherWayAsync(sample.Challenge, "Evening clinics for working parents", "Open two evenings a week.");
        if (held)
        {
            using var moderator = await ApiMember.RegisterAsync(fixture.Engine, site, "Mo Approver");
            await moderator.GrantAsync(fixture.Engine, site, Roles.Moderator);
            await moderator.PostJsonAsync($"api/v1/admin/moderation/ideas/{idea}/approve", new { });
        }

        await using var member = await fixture.OpenAsync(site, $"sample-{tenantId}-thumbs-member");
        await Journeys.RegisterThroughFormAsync(member, "Pat Member", $"/ideas/{idea}");
        var memberDown = member.Page.Locator("main article button.vote-down");
        await Expect(member.Page.Locator("main article button.vote-up")).ToHaveCountAsync(1);
        await Expect(memberDown).ToHaveCountAsync(sample.DownVotes ? 1 : 0);
        await member.ShotAsync(sample.DownVotes ? "thumbs-down as the site starts" : "no thumbs-down as the site starts");

        await using var tab = await fixture.OpenAsync(site, $"sample-{tenantId}-thumbs-admin");
        var email = await Journeys.RegisterThroughFormAsync(tab, "Ada Adeyemi");
        await Staff.GrantByEmailAsync(fixture.Engine, site, email, Roles.Admin);
        var downVotes = tab.Page.GetByLabel("Thumbs-down votes");

        async Task Save(bool on)
        {
            if (on) await downVotes.CheckAsync(); else await downVotes.UncheckAsync();
            await tab.ShotAsync(on ? "thumbs-down ticked" : "thumbs-down unticked");
            await tab.Page.Locator("main button", new() { HasText = "Save settings" }).ClickAsync();
            await Expect(tab.Page.Locator(".nhsuk-notification-banner--success")).ToContainTextAsync("Settings saved");
            if (on) await Expect(downVotes).ToBeCheckedAsync(); else await Expect(downVotes).Not.ToBeCheckedAsync();
        }

        try
        {
            await tab.GotoAsync("/admin");
            await tab.Page.Locator("header nav[aria-label=Admin] a", new() { HasText = "Settings" }).ClickAsync();
            await tab.Page.WaitForURLAsync("**/admin/settings");
            if (sample.DownVotes) await Expect(downVotes).ToBeCheckedAsync(); else await Expect(downVotes).Not.ToBeCheckedAsync();
            await tab.ShotAsync("settings as the site starts");

            if (!sample.DownVotes)
            {
                // The site starts without thumbs-down: on first, so there is something to take away. A budget
                // takes single up-votes only, so there the switch alone shows no button that could only be refused.
                await Save(on: true);
                await member.GotoAsync($"/ideas/{idea}");
                var takesDownVotes = sample.Voting != "budget";
                await Expect(memberDown).ToHaveCountAsync(takesDownVotes ? 1 : 0);
                await member.ShotAsync(takesDownVotes ? "thumbs-down switched on" : "thumbs-down switched on, but the budget takes up-votes only");
            }
            await Save(on: false);
            await member.GotoAsync($"/ideas/{idea}");
            await Expect(member.Page.Locator("main article button.vote-up")).ToHaveCountAsync(1);
            await Expect(memberDown).ToHaveCountAsync(0);
            await member.GotoAsync($"/challenges/{sample.Challenge}");
            await Expect(member.Page.Locator("main button.vote-up").First).ToBeVisibleAsync();
            await Expect(member.Page.Locator("main button.vote-down")).ToHaveCountAsync(0);
            await member.ShotAsync("no thumbs-down");

            await tab.Page.Locator("header nav[aria-label=Admin] a", new() { HasText = "Audit log" }).ClickAsync();
            await Expect(tab.Page.Locator("main")).ToContainTextAsync("features.downVotes");
            await tab.ShotAsync("audit log");
        }
        finally
        {
            // Back as the sample site has it, through the page.
            await tab.GotoAsync("/admin/settings");
            if (await downVotes.IsCheckedAsync() != sample.DownVotes) await Save(sample.DownVotes);
        }
        tab.Problems.Should().BeEmpty();
        member.Problems.Should().BeEmpty();
    }

    [Theory]
    [InlineData("home4noon")]
    [InlineData("london-community")]
    [InlineData("solving-together")]
    public async Task A_moderator_approves_an_idea_the_sample_sites_personal_data_rule_held(string tenantId)
    {
        var sample = SampleTenant.For(tenantId);
        var site = sample.Site;
        // Every sample tenant has the personal-data rule; a phone number in the body trips it.
        sample.Moderation.Should().Contain("personal-data", $"the sample tenant {tenantId} holds personal data for a moderator");
        // Anonymous where the site allows it: the queue and the approved idea must still name nobody.
        using var author = await ApiMember.RegisterAsync(fixture.Engine, site, "Helen Held");
        var title = $"Ring the ward before discharge ({tenantId})";
        var held = await author.PostHeldIdeaAsync(title, "Call the ward on 07700 900123 the day before.", sample.Challenge, anonymous: sample.AnonymousAllowed);

        await using var reader = await fixture.OpenAsync(site, $"sample-{tenantId}-approve-reader");
        await reader.GotoAsync($"/ideas/{held}", status: 404);

        await using var tab = await fixture.OpenAsync(site, $"sample-{tenantId}-approve");
        await Journeys.OpenTheQueueAsNewModeratorAsync(tab, fixture.Engine);
        var card = tab.Page.Locator($"#idea-{held}");
        await Expect(card).ToContainTextAsync("phone number");
        var queue = await tab.Page.Locator("main").InnerTextAsync();
        queue.Should().NotContain("07700", "the queue masks the personal data that got it held");
        if (sample.AnonymousAllowed) queue.Should().NotContain("Helen Held", "an anonymous idea names no author in the queue");
        await tab.ShotAsync("held idea in the queue");

        await Journeys.ApproveFromTheQueueAsync(tab, held);

        await reader.GotoAsync($"/ideas/{held}");
        await Expect(reader.Page.Locator("main h1")).ToHaveTextAsync(title);
        if (sample.AnonymousAllowed)
        {
            await Expect(reader.Page.Locator("main article")).ToContainTextAsync("Posted anonymously");
            (await reader.Page.Locator("main").InnerTextAsync()).Should().NotContain("Helen Held");
        }
        else await Expect(reader.Page.Locator("main article")).ToContainTextAsync("By Helen Held");
        await reader.ShotAsync("approved idea on the site");

        if (sample.Anonymity == "fully-anonymous")
        {
            // Fully anonymous: not even the moderator who approved it can see who wrote it.
            await tab.GotoAsync($"/ideas/{held}");
            (await tab.Page.Locator("main").InnerTextAsync()).Should().NotContain("Helen Held", "a fully anonymous idea names its author to nobody, moderators included");
            await tab.GotoAsync("/admin/ideas");
            (await tab.Page.Locator("main").InnerTextAsync()).Should().NotContain("Helen Held", "the admin's idea list must not name a fully anonymous author");
            await tab.ShotAsync("admin ideas list names no fully anonymous author");
        }
        tab.Problems.Should().BeEmpty();
        reader.Problems.Should().BeEmpty();
    }
}
