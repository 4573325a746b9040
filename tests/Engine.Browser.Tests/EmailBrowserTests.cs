using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// Following and email preferences in a real browser, by keyboard alone, in every theme; axe (WCAG 2.2 A/AA) on
/// the new pages: email preferences (also saved and with an error), forgotten password, reset password, confirm
/// email, unsubscribe, and the admin page for emailing members.
/// </summary>
[Collection("accessibility")]
public sealed class EmailBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task A_member_follows_an_idea_and_chooses_their_emails_with_the_keyboard_and_the_pages_pass_axe(string theme)
    {
        var site = EngineServer.For(theme);
        await using var tab = await fixture.OpenAsync(site, "email-keyboard");
        var email = await Journeys.RegisterThroughFormAsync(tab, "Fran Follow");
        var violations = new List<string>();
        async Task Check(string label)
        {
            await tab.ShotAsync(label);
            violations.AddRange(await tab.AxeAsync(label));
        }

        // Follow: Tab to the button, Enter; the page comes back with Unfollow.
        await tab.GotoAsync($"/ideas/{fixture.Ideas[theme].Discussed}");
        var button = tab.Page.Locator("#follow button");
        await Expect(button).ToHaveTextAsync("Follow this idea");
        await tab.TabToAsync("#follow button");
        (await tab.FocusIndicatorAsync()).Should().NotBeEmpty("the focused follow button should show focus (WCAG 2.4.7)");
        await tab.Page.Keyboard.PressAsync("Enter");
        await tab.Page.WaitForURLAsync(url => url.EndsWith("#follow"));
        await Expect(tab.Page.Locator("#follow button")).ToHaveTextAsync("Unfollow this idea");
        await Check("idea followed");

        // Preferences: the header link, replies off with Space, the digest to daily with the arrow keys, saved with Enter.
        await tab.GotoAsync("/");
        await tab.TabToAsync("header a[href$='/account/email']");
        await tab.Page.Keyboard.PressAsync("Enter");
        await tab.Page.WaitForURLAsync(url => url.Contains("/account/email"));
        await Check("email preferences");
        await tab.TabToAsync("input#replies");
        await tab.Page.Keyboard.PressAsync("Space");
        await Expect(tab.Page.Locator("#replies")).Not.ToBeCheckedAsync();
        await tab.TabToAsync("input[name=digest]:checked");
        (await tab.FocusedAsync()).Should().StartWith("input#digest-weekly", "weekly is the digest a member starts with");
        await tab.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(tab.Page.Locator("#digest-daily")).ToBeCheckedAsync();
        await tab.TabToAsync("#save-preferences");
        (await tab.FocusedAsync()).Should().Contain("Save preferences");
        await tab.Page.Keyboard.PressAsync("Enter");
        await tab.Page.WaitForURLAsync(url => url.Contains("saved=true"));
        await Expect(tab.Page.Locator("main")).ToContainTextAsync("Your email preferences are saved");
        await Expect(tab.Page.Locator("#replies")).Not.ToBeCheckedAsync();
        await Expect(tab.Page.Locator("#digest-daily")).ToBeCheckedAsync();
        await Expect(tab.Page.Locator("#statusChanges")).ToBeCheckedAsync();
        await Check("email preferences saved");

        foreach (var (label, path) in new[]
        {
            ("forgotten password", "/account/forgot-password"),
            ("reset password", "/account/reset-password?member=1&token=x"),
            ("confirm email", "/account/confirm-email?member=1&token=x"),
        })
        {
            await tab.GotoAsync(path);
            await Check(label);
        }
        await tab.GotoAsync("/account/forgot-password");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(tab.Page.Locator("main")).ToContainTextAsync("Enter the email address you registered with");
        await Check("forgotten password with an error");
        await tab.GotoAsync("/email/unsubscribe?token=not-a-token", 400);
        await Check("unsubscribe link that does not work");

        // The page an email's unsubscribe link opens, with its one button.
        var services = fixture.Engine.Services;
        var member = (await services.GetRequiredService<IMemberStore>().FindByEmailAsync(site.TenantId, email.ToUpperInvariant()))!;
        var tenant = services.GetRequiredService<Engine.Web.Tenancy.TenantRegistry>().Current.Find(site.TenantId)!;
        var link = new Uri(services.GetRequiredService<Engine.Web.Email.EmailLinks>().Unsubscribe(tenant, member.Id, Engine.Core.Email.EmailKind.StatusChange));
        await tab.GotoAsync(link.PathAndQuery);
        await Check("unsubscribe");
        await tab.TabToAsync("main form button[type=submit]");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Expect(tab.Page.Locator("main")).ToContainTextAsync("You are unsubscribed");
        await Check("unsubscribed");

        Accessibility.Report(theme, violations, tab.Problems);
    }

    [Fact]
    public async Task The_admin_page_for_emailing_members_passes_axe_also_showing_errors()
    {
        var site = EngineServer.Admin;
        await using var tab = await fixture.OpenAsync(site, "a11y-admin-updates");
        var email = await Journeys.RegisterThroughFormAsync(tab, "Ada Adeyemi");
        await Staff.GrantByEmailAsync(fixture.Engine, site, email, Roles.Admin);
        var violations = new List<string>();

        await tab.GotoAsync("/admin/updates");
        await tab.ShotAsync("email members");
        violations.AddRange(await tab.AxeAsync("email members"));
        await tab.Page.Locator("#audience-challenge").CheckAsync();
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(tab.Page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Choose the challenge");
        await tab.ShotAsync("email members with an error");
        violations.AddRange(await tab.AxeAsync("email members with an error"));

        await tab.Page.Locator("#challenge").SelectOptionAsync("waiting-well");
        await tab.Page.Locator("#subject").FillAsync("Thank you for your ideas");
        await tab.Page.Locator("#body").FillAsync("The shortlist is out next month.");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(tab.Page.Locator(".nhsuk-notification-banner--success")).ToContainTextAsync("is on its way to");
        violations.AddRange(await tab.AxeAsync("email members sent"));

        Accessibility.Report("admin", violations, tab.Problems);
    }
}
