using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// An operator signs in to the system site, reads every tenant's state, makes a mistake on the
/// new-tenant form, then creates a tenant whose site is served at once. axe checks every page on the way.
/// </summary>
[Collection("journeys")]
public sealed class SystemSiteTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_operator_creates_a_tenant_from_the_form_and_its_site_is_served_and_every_page_passes_axe()
    {
        await using var tab = await fixture.OpenAsync(EngineServer.System, "system-site");
        var violations = new List<string>();
        async Task Check(string label)
        {
            await tab.ShotAsync(label);
            violations.AddRange(await tab.AxeAsync(label));
        }

        await tab.GotoAsync("/system/signin");
        await Check("sign in");
        await tab.Page.GetByLabel("Email address").FillAsync(EngineServer.SystemEmail);
        await tab.Page.GetByLabel("Password").FillAsync(EngineServer.SystemPassword);
        await tab.Page.Locator("main button", new() { HasText = "Sign in" }).ClickAsync();
        await tab.Page.WaitForURLAsync("**/system");
        await Expect(tab.Page.Locator("#tenant-nhs-site")).ToContainTextAsync("Serving");
        await Check("tenants");

        await tab.Page.Locator("header nav a", new() { HasText = "New tenant" }).ClickAsync();
        await tab.Page.WaitForURLAsync("**/system/tenants/new");
        await Check("new tenant form");
        await tab.Page.GetByLabel("Id", new() { Exact = true }).FillAsync("Made Here");
        await tab.Page.Locator("main button", new() { HasText = "Create the tenant" }).ClickAsync();
        await Expect(tab.Page.Locator(".nhsuk-error-summary")).ToContainTextAsync("lower-case letters");
        await Check("new tenant form with an error");

        await tab.Page.GetByLabel("Id", new() { Exact = true }).FillAsync("made-here");
        await tab.Page.GetByLabel("Site name").FillAsync("Made Here ideas");
        await tab.Page.GetByLabel("Host names").FillAsync("made-here.localhost");
        await tab.Page.GetByLabel("Email address").FillAsync("lead@made-here.example");
        await tab.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Mo Lead");
        await tab.Page.Locator("main button", new() { HasText = "Create the tenant" }).ClickAsync();
        await Expect(tab.Page.Locator("main h1")).ToHaveTextAsync("made-here is created");
        var password = await tab.Page.Locator("#admin-password").InnerTextAsync();
        await Check("tenant created");

        await using var site = await fixture.OpenAsync(new Site("nhs", "Made Here ideas", "made-here", "made-here.localhost", "#005eb8", "#ffb81c", "solving-together"), "system-made-site");
        // The tenant watcher picks the new tenant.json up within a second.
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(200))
        {
            var response = await site.Page.GotoAsync("/");
            if (response!.Status == 200 || DateTime.UtcNow > deadline) break;
        }
        await Expect(site.Page.Locator("header")).ToContainTextAsync("Made Here ideas");
        password.Should().HaveLength(20);

        Accessibility.Report("system site", violations, tab.Problems);
    }
}
