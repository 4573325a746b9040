using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// Passkeys in chromium, with its virtual authenticator standing in for a phone's or laptop's (the DevTools protocol's WebAuthn
/// domain: a discoverable credential, a verified user, presence given at once): a member adds a passkey from their account,
/// signs out, signs in with it alone, sees the sign-in listed as a passkey's, removes it, and then it signs nobody in.
/// </summary>
[Collection("journeys")]
public sealed class PasskeyBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_member_adds_a_passkey_signs_in_with_it_alone_and_once_removed_it_signs_nobody_in()
    {
        var site = EngineServer.Nhs;
        await using var tab = await fixture.OpenAsync(site, "passkeys");
        var authenticator = await tab.Context.NewCDPSessionAsync(tab.Page);
        await authenticator.SendAsync("WebAuthn.enable");
        var added = await authenticator.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        var authenticatorId = added!.Value.GetProperty("authenticatorId").GetString()!;
        await Journeys.RegisterThroughFormAsync(tab, "Pat Passkey");

        await tab.GotoAsync("/account/two-factor");
        await Expect(tab.Page.Locator("#no-passkeys")).ToBeVisibleAsync();
        await tab.Page.Locator("#passkey-name").FillAsync("Test laptop");
        var violations = await tab.AxeAsync("passkeys on the two-factor page");
        await tab.Page.Locator("#passkey").ClickAsync();
        await tab.Page.WaitForURLAsync(url => url.EndsWith("/account/two-factor#passkeys"));
        await Expect(tab.Page.Locator(".passkey-name")).ToHaveTextAsync("Test laptop");
        await Expect(tab.Page.Locator("#no-passkeys")).ToHaveCountAsync(0);
        var credentials = (await authenticator.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId }))!
            .Value.GetProperty("credentials").EnumerateArray().ToList();
        credentials.Should().ContainSingle("the authenticator made one passkey");
        credentials[0].GetProperty("rpId").GetString().Should().Be(site.Host, "a passkey belongs to the site's own host");
        credentials[0].GetProperty("isResidentCredential").GetBoolean().Should().BeTrue("it is offered at sign-in without an address typed first");

        await Journeys.SignOutAsync(tab);
        await tab.GotoAsync("/account/signin?returnUrl=%2Fchallenges%2Fwaiting-well");
        violations.AddRange(await tab.AxeAsync("sign-in page with the passkey button"));
        await tab.Page.Locator("#passkey").ClickAsync();
        await tab.Page.WaitForURLAsync(fixture.Engine.Url(site, "/challenges/waiting-well"));
        await Expect(tab.Page.Locator("header")).ToContainTextAsync("Pat Passkey");
        await tab.GotoAsync("/account/tokens");
        await Expect(tab.Page.Locator("main")).ToContainTextAsync("Passkey");

        await tab.GotoAsync("/account/two-factor");
        await tab.Page.Locator("form[action$='/account/passkeys/remove'] button").ClickAsync();
        await tab.Page.WaitForURLAsync(url => url.EndsWith("/account/two-factor#passkeys"));
        await Expect(tab.Page.Locator("#no-passkeys")).ToBeVisibleAsync();

        // The authenticator still holds the passkey, but the site has forgotten it.
        await Journeys.SignOutAsync(tab);
        await tab.GotoAsync("/account/signin");
        await tab.Page.Locator("#passkey").ClickAsync();
        await Expect(tab.Page.Locator("#passkey-error")).ToContainTextAsync("That passkey does not sign in to an account on this site");
        await Expect(tab.Page.Locator("header")).Not.ToContainTextAsync("Pat Passkey");
        violations.AddRange(await tab.AxeAsync("a removed passkey refused"));

        violations.Should().BeEmpty();
        tab.Problems.Should().BeEmpty();
    }
}
