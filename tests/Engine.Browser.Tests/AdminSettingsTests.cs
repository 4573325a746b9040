using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// The admin settings pages in a real browser: axe (WCAG 2.2 A/AA) on each, also showing errors, and
/// an admin rebranding the site with a logo picked in the file chooser.
/// </summary>
[Collection("accessibility")]
public sealed class AdminSettingsTests(BrowserFixture fixture)
{
    private async Task<BrowserTab> AdminAsync(string test)
    {
        var tab = await fixture.OpenAsync(EngineServer.Base, test);
        var email = await Journeys.RegisterThroughFormAsync(tab, "Ada Adeyemi");
        var members = fixture.Engine.Services.GetRequiredService<IMemberStore>();
        var member = (await members.FindByEmailAsync(EngineServer.Base.TenantId, email.ToUpperInvariant()))!;
        member.Role = Roles.Admin;
        await members.UpdateAsync(member);
        return tab;
    }

    [Fact]
    public async Task The_settings_pages_have_no_WCAG_22_AA_violations_also_when_showing_errors()
    {
        await using var tab = await AdminAsync("a11y-admin-settings");
        var violations = new List<string>();
        async Task Check(string label)
        {
            await tab.ShotAsync(label);
            violations.AddRange(await tab.AxeAsync(label));
        }

        foreach (var (label, path) in new[] { ("settings", "/admin/settings"), ("rules", "/admin/settings/rules"), ("brand", "/admin/settings/branding"), ("challenge settings", "/admin/settings/challenges/waiting-well") })
        {
            await tab.GotoAsync(path);
            await Check(label);
        }

        await tab.GotoAsync("/admin/settings/rules");
        await tab.Page.Locator("#voting-budget").CheckAsync();
        await tab.Page.Locator("#voting-budget-votes").FillAsync("0");
        await tab.Page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(tab.Page.Locator(".nhsuk-error-summary")).ToContainTextAsync("must be at least 1");
        await Check("rules with an error");

        await tab.GotoAsync("/admin/settings/branding");
        await tab.Page.Locator("#primaryColour").FillAsync("#ffeb3b");
        await tab.Page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(tab.Page.Locator(".nhsuk-error-summary")).ToContainTextAsync("contrast ratio");
        await Check("brand with an error");

        Accessibility.Report("admin", violations, tab.Problems);
    }

    [Fact]
    public async Task An_admin_picks_a_logo_and_new_colours_and_the_public_site_shows_them()
    {
        await using var tab = await AdminAsync("admin-branding");
        await tab.GotoAsync("/admin/settings/branding");
        await tab.Page.Locator("#name").FillAsync("Base Care Voices North");
        await tab.Page.Locator("#primaryColour").FillAsync("#00305e");
        await tab.Page.Locator("#logo").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "logo.png", MimeType = "image/png",
            Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
        });
        await tab.Page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(tab.Page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Brand saved");

        await tab.GotoAsync("/");
        await Expect(tab.Page.Locator("header")).ToContainTextAsync("Base Care Voices North");
        await Expect(tab.Page.Locator("header img.brand-logo")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/brand/logo-[0-9a-f]{16}\\.png$"));
        (await tab.Page.Locator("header img.brand-logo").EvaluateAsync<int>("img => img.naturalWidth")).Should().Be(1, "the browser loaded and decoded the uploaded image");
        (await tab.Page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--brand-primary').trim()")).Should().Be("#00305e");
        await tab.ShotAsync("home with the new brand");

        // Put the tenant back for the other tests sharing this engine.
        await tab.GotoAsync("/admin/settings/branding");
        await tab.Page.Locator("form[action*='handler=Reset'] button").ClickAsync();
        await Expect(tab.Page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("tenant.json again");
        tab.Problems.Should().BeEmpty();
    }
}
