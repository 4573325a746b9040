using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// A member of staff signs in through the site's OpenID Connect provider in chromium: the site's button, the provider's own
/// sign-in page on its own port, and back to the page they started from, signed in; axe checks the site's pages on the way.
/// </summary>
[Collection("journeys")]
public sealed class SingleSignOnBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Staff_sign_in_through_the_provider_and_come_back_signed_in_to_where_they_started()
    {
        var site = EngineServer.SingleSignOn;
        await using var tab = await fixture.OpenAsync(site, "single-sign-on");
        await tab.GotoAsync("/challenges/waiting-well");
        await tab.Page.Locator("header a", new() { HasText = "Sign in" }).First.ClickAsync();
        await tab.Page.WaitForURLAsync("**/account/signin**");
        var violations = await tab.AxeAsync("sign-in page with a provider's button");
        await tab.Page.Locator("main a", new() { HasText = "Sign in with NHSmail" }).ClickAsync();

        await tab.Page.WaitForURLAsync($"{fixture.Engine.Provider.Authority}connect/authorize**");
        await tab.Page.Locator("#person_sub").FillAsync(Guid.NewGuid().ToString("N"));
        await tab.Page.Locator("#person_email").FillAsync(TestEmail.Unique("browser-sso"));
        await tab.Page.Locator("#person_name").FillAsync("Sunita Staff");
        await tab.Page.Locator("#person_verified").CheckAsync();
        await tab.Page.Locator("button[type=submit]").ClickAsync();

        await tab.Page.WaitForURLAsync(fixture.Engine.Url(site, "/challenges/waiting-well"));
        await Expect(tab.Page.Locator("header")).ToContainTextAsync("Sunita Staff");
        violations.AddRange(await tab.AxeAsync("back on the challenge, signed in"));
        violations.Should().BeEmpty();
        tab.Problems.Should().BeEmpty();
    }
}
