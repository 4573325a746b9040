using Engine.Core.Members;
using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>What the people who run a site do in the admin area, through its pages, the way they would.</summary>
[Collection("journeys")]
public sealed class AdminJourneyTests(BrowserFixture fixture)
{
    private Site Site => EngineServer.Admin;

    [Fact]
    public async Task A_moderator_finds_a_held_idea_in_the_queue_approves_it_and_it_appears_on_the_site()
    {
        using var author = await ApiMember.RegisterAsync(fixture.Engine, Site, "Helen Held");
        var held = await author.PostHeldIdeaAsync("Ring the ward before discharge", "Call the ward on 07700 900123 the day before.");

        await using var reader = await fixture.OpenAsync(Site, "admin-approve-reader");
        await reader.GotoAsync($"/ideas/{held}", status: 404);

        await using var tab = await fixture.OpenAsync(Site, "admin-approve");
        await Journeys.OpenTheQueueAsNewModeratorAsync(tab, fixture.Engine);
        var card = tab.Page.Locator($"#idea-{held}");
        await Expect(card).ToContainTextAsync("phone number");
        (await tab.Page.Locator("main").InnerTextAsync()).Should().NotContain("07700", "the queue masks the personal data that got it held");
        await tab.ShotAsync("held idea in the queue");

        await Journeys.ApproveFromTheQueueAsync(tab, held);

        await reader.GotoAsync($"/ideas/{held}");
        await Expect(reader.Page.Locator("main h1")).ToHaveTextAsync("Ring the ward before discharge");
        tab.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task An_admin_turns_thumbs_down_off_on_the_settings_page_and_the_down_buttons_leave_the_public_site()
    {
        using var author = await ApiMember.RegisterAsync(fixture.Engine, Site, "Vic Voter");
        var idea = await author.PostIdeaAsync("Evening clinics for working parents", "Open two evenings a week.");

        await using var member = await fixture.OpenAsync(Site, "admin-thumbs-member");
        await Journeys.RegisterThroughFormAsync(member, "Pat Member", $"/ideas/{idea}");
        await Expect(member.Page.Locator("main article button.vote-down")).ToHaveCountAsync(1);

        await using var tab = await fixture.OpenAsync(Site, "admin-thumbs");
        var email = await Journeys.RegisterThroughFormAsync(tab, "Ada Adeyemi");
        await Staff.GrantByEmailAsync(fixture.Engine, Site, email, Roles.Admin);
        try
        {
            await tab.GotoAsync("/admin");
            await tab.Page.Locator("header nav[aria-label=Admin] a", new() { HasText = "Settings" }).ClickAsync();
            await tab.Page.WaitForURLAsync("**/admin/settings");
            var downVotes = tab.Page.GetByLabel("Thumbs-down votes");
            await Expect(downVotes).ToBeCheckedAsync();
            await downVotes.UncheckAsync();
            await tab.ShotAsync("thumbs-down unticked");
            await tab.Page.Locator("main button", new() { HasText = "Save settings" }).ClickAsync();
            await Expect(tab.Page.Locator(".nhsuk-notification-banner--success")).ToContainTextAsync("Settings saved");
            await Expect(tab.Page.GetByLabel("Thumbs-down votes")).Not.ToBeCheckedAsync();

            await member.GotoAsync($"/ideas/{idea}");
            await Expect(member.Page.Locator("main article button.vote-up")).ToHaveCountAsync(1);
            await Expect(member.Page.Locator("main article button.vote-down")).ToHaveCountAsync(0);
            await member.ShotAsync("no thumbs-down");

            await tab.Page.Locator("header nav[aria-label=Admin] a", new() { HasText = "Audit log" }).ClickAsync();
            await Expect(tab.Page.Locator("main")).ToContainTextAsync("features.downVotes");
        }
        finally
        {
            // Put the switch back through the page, so the site is as the other tests expect.
            await tab.GotoAsync("/admin/settings");
            await tab.Page.GetByLabel("Thumbs-down votes").CheckAsync();
            await tab.Page.Locator("main button", new() { HasText = "Save settings" }).ClickAsync();
            await Expect(tab.Page.Locator(".nhsuk-notification-banner--success")).ToContainTextAsync("Settings saved");
        }
        await member.GotoAsync($"/ideas/{idea}");
        await Expect(member.Page.Locator("main article button.vote-down")).ToHaveCountAsync(1);
        tab.Problems.Should().BeEmpty();
    }
}

/// <summary>axe-core (WCAG 2.2 A/AA) on every admin page, with content on it and with forms showing their errors.</summary>
[Collection("accessibility")]
public sealed class AdminAccessibilityTests(BrowserFixture fixture)
{
    private Site Site => EngineServer.Admin;

    [Fact]
    public async Task Every_admin_page_has_no_WCAG_22_AA_violations_and_no_console_errors()
    {
        // Something in every list: a held idea, a reported one, a hidden one, a blocked member, an unanswered idea.
        using var author = await ApiMember.RegisterAsync(fixture.Engine, Site, "Alex Author");
        using var moderator = await ApiMember.RegisterAsync(fixture.Engine, Site, "Mo Reviewer");
        await moderator.GrantAsync(fixture.Engine, Site, Roles.Moderator);
        await author.PostHeldIdeaAsync("Call me about this", "My number is 07700 900999.");
        var reported = await author.PostIdeaAsync("A reported idea", "Someone will report this.");
        await moderator.ReportIdeaAsync(reported, "Off topic for this challenge");
        var hidden = await author.PostIdeaAsync("A hidden idea", "A moderator hides this.");
        await moderator.PostJsonAsync($"api/v1/admin/moderation/ideas/{hidden}/hide", new { reason = "Duplicate of another idea" });
        using var blocked = await ApiMember.RegisterAsync(fixture.Engine, Site, "Blake Blocked");
        await blocked.PostIdeaAsync("An idea by someone blocked later", "It is hidden by the block.");
        await moderator.PostJsonAsync($"api/v1/admin/members/{blocked.Id}/block", new { reason = "Repeated abuse" });

        await using var tab = await fixture.OpenAsync(Site, "a11y-admin");
        var email = await Journeys.RegisterThroughFormAsync(tab, "Ada Adeyemi");
        await Staff.GrantByEmailAsync(fixture.Engine, Site, email, Roles.Admin);
        var violations = new List<string>();

        async Task Check(string label, string path, int status = 200)
        {
            await tab.GotoAsync(path, status);
            await tab.ShotAsync(label);
            violations.AddRange(await tab.AxeAsync(label));
        }

        async Task CheckAfterSubmit(string label, string formSelector)
        {
            await tab.Page.Locator(formSelector).ClickAsync();
            await tab.Page.WaitForLoadStateAsync();
            await tab.ShotAsync(label);
            violations.AddRange(await tab.AxeAsync(label));
        }

        await Check("dashboard", "/admin");
        await Check("moderation queue", "/admin/moderation");
        // The reject form opened and sent without a reason: the error summary and the field's error.
        var rejectCard = tab.Page.Locator(".nhsuk-card", new() { Has = tab.Page.Locator("summary", new() { HasText = "Reject" }) }).First;
        await rejectCard.Locator("summary", new() { HasText = "Reject" }).ClickAsync();
        await CheckAfterSubmit("moderation reject without a reason", "main details[open] form button[type=submit]");
        // The "edit out personal data, then publish" form sent with its text emptied: the error beside the text.
        await tab.GotoAsync("/admin/moderation");
        var editCard = tab.Page.Locator(".nhsuk-card", new() { Has = tab.Page.Locator("summary", new() { HasText = "Edit out personal data" }) }).First;
        await editCard.Locator("summary", new() { HasText = "Edit out personal data" }).ClickAsync();
        await editCard.Locator("details[open] textarea").FillAsync("");
        await CheckAfterSubmit("moderation edit with the text emptied", "main details[open] form button[type=submit]");
        await Check("hidden content", "/admin/moderation?view=hidden");
        await Check("members", "/admin/members");
        await tab.Page.Locator($"#member-{blocked.Id} summary").ClickAsync();
        await CheckAfterSubmit("members unblock without a reason", $"#member-{blocked.Id} details[open] form button[type=submit]");
        await Check("responses", "/admin/responses");
        await Check("ideas", "/admin/ideas");
        await Check("idea status", $"/admin/ideas/{reported}/status");
        await Check("challenges", "/admin/challenges");
        await Check("new challenge", "/admin/challenges/edit");
        await CheckAfterSubmit("new challenge with errors", "main form button[type=submit]");
        await Check("edit challenge", "/admin/challenges/edit/waiting-well");
        await Check("settings", "/admin/settings");
        await Check("audit log", "/admin/audit");
        await Check("groups", "/admin/groups");
        await tab.Page.Locator("#slug").FillAsync("ward-7");
        await tab.Page.Locator("#name").FillAsync("Ward 7");
        await CheckAfterSubmit("a new group", "form[action*='handler=Create'] button[type=submit]");
        await tab.Page.Locator("#days").FillAsync("7");
        await CheckAfterSubmit("a new invite link", "form[action*='handler=Invite'] button[type=submit]");
        await Microsoft.Playwright.Assertions.Expect(tab.Page.Locator("#new-invite")).ToContainTextAsync("/invite/");
        await Check("export", "/admin/exports");
        await Check("import", "/admin/import");
        // A preview with an error in a row, then one that can be imported: the error summary, the row table, the confirm button.
        async Task Preview(string label, string csv)
        {
            await tab.Page.GetByLabel("Source").FillAsync("Connect session");
            await tab.Page.GetByLabel("Date of the session").FillAsync("2026-05-12");
            await tab.Page.GetByLabel("CSV file").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
            {
                Name = "session.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
            });
            await CheckAfterSubmit(label, "#preview-import");
        }
        const string header = "type,key,challenge,title,body,parent,submitted_at\n";
        await Preview("import preview with errors", header + "idea,1,no-such-challenge,A title here,A body,,\ncomment,2,,,A comment,9,\n");
        await Preview("import preview", header + "idea,1,waiting-well,Text reminders the day before,A body,,\ncomment,2,,,A comment,1,\n");
        (await tab.Page.Locator("#confirm-import").CountAsync()).Should().Be(1);

        Accessibility.Report("admin (nhs.uk)", violations, tab.Problems);
    }
}
