using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// A member turns on two factors in chromium as a person would: reads the key the page shows into their authenticator app (the
/// test computes its codes from the RFC), keeps the recovery codes, signs out, signs in with the password and a code, and once
/// more with a recovery code instead, which is then used up.
/// </summary>
[Collection("journeys")]
public sealed class TwoFactorBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_member_enrols_an_authenticator_app_and_signs_in_with_its_code_and_once_with_a_recovery_code()
    {
        await using var tab = await fixture.OpenAsync(EngineServer.Nhs, "two-factor");
        var email = await Journeys.RegisterThroughFormAsync(tab, "Tamsin Totp");

        await tab.GotoAsync("/account/two-factor");
        await Expect(tab.Page.Locator("#two-factor-state")).ToContainTextAsync("Two factors are off");
        await tab.Page.Locator("#start-two-factor").ClickAsync();
        var key = await tab.Page.Locator("#two-factor-key").InnerTextAsync();
        key.Should().MatchRegex("^[A-Z2-7 ]{16,}$", "the page shows the key in Base32, as authenticator apps take it");
        var violations = await tab.AxeAsync("two-factor enrolment");
        await tab.Page.Locator("#code").FillAsync(TestAuthenticatorApp.Code(key));
        await tab.Page.Locator("#enable-two-factor").ClickAsync();
        await Expect(tab.Page.Locator("#recovery-codes")).ToBeVisibleAsync();
        var recoveryCodes = await tab.Page.Locator("#recovery-codes code").AllInnerTextsAsync();
        recoveryCodes.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        await Expect(tab.Page.Locator("#two-factor-state")).ToContainTextAsync("Two factors are on");

        await Journeys.SignOutAsync(tab);
        await SignInWithSecondStepAsync(tab, email, TestAuthenticatorApp.Code(key, stepsFromNow: 1));
        violations.AddRange(await tab.AxeAsync("signed in with the code"));
        await Expect(tab.Page.Locator("header")).ToContainTextAsync("Tamsin Totp");

        await Journeys.SignOutAsync(tab);
        await SignInWithSecondStepAsync(tab, email, recoveryCodes[3].ToLowerInvariant());
        await Expect(tab.Page.Locator("header")).ToContainTextAsync("Tamsin Totp");
        await tab.GotoAsync("/account/two-factor");
        await Expect(tab.Page.Locator("#two-factor-state")).ToContainTextAsync("9");

        // A used recovery code does not sign anyone in again.
        await Journeys.SignOutAsync(tab);
        await SubmitPasswordAsync(tab, email);
        await tab.Page.Locator("#code").FillAsync(recoveryCodes[3]);
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(tab.Page.Locator("#code-error")).ToBeVisibleAsync();
        tab.Page.Url.Should().Contain("/account/signin/code");
        await Expect(tab.Page.Locator("header")).Not.ToContainTextAsync("Tamsin Totp");

        violations.Should().BeEmpty();
        tab.Problems.Should().BeEmpty();
    }

    /// <summary>The password first: the site then asks for the second factor on a page of its own.</summary>
    private static async Task SubmitPasswordAsync(BrowserTab tab, string email)
    {
        await tab.GotoAsync("/account/signin?returnUrl=%2F");
        await tab.Page.Locator("#email").FillAsync(email);
        await tab.Page.Locator("#password").FillAsync(Journeys.Password);
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForURLAsync(url => url.Contains("/account/signin/code"));
        await Expect(tab.Page.Locator("header")).Not.ToContainTextAsync("Tamsin Totp");
    }

    private static async Task SignInWithSecondStepAsync(BrowserTab tab, string email, string code)
    {
        await SubmitPasswordAsync(tab, email);
        await tab.Page.Locator("#code").FillAsync(code);
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForURLAsync(url => !url.Contains("/account/signin"));
    }
}
