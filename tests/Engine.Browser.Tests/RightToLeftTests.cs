using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// A page in Urdu is laid out right to left: the header's logo, at the start of the line, is to the right of the
/// account navigation, and text starts at the right; the same site in English keeps them the other way round.
/// </summary>
[Collection("accessibility")]
public sealed class RightToLeftTests(BrowserFixture fixture)
{
    private static readonly Dictionary<string, (string Logo, string Navigation)> Header = new()
    {
        ["base"] = (".site-header .brand", ".site-header nav"),
        ["nhs"] = (".nhsuk-header__service-logo", ".nhsuk-header__account"),
    };

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    public async Task The_header_mirrors_in_Urdu_and_not_in_English(string theme)
    {
        var site = EngineServer.Urdu.Single(s => s.Theme == theme);
        var (logo, navigation) = Header[theme];
        await using var tab = await fixture.OpenAsync(site, "right-to-left");

        await tab.GotoAsync("/?lang=ur");
        await Expect(tab.Page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await tab.ShotAsync("urdu header");
        var (logoBox, navigationBox) = (await BoxAsync(tab, logo), await BoxAsync(tab, navigation));
        logoBox.X.Should().BeGreaterThanOrEqualTo(navigationBox.X + navigationBox.Width, "the logo starts the line, on the right, in Urdu");
        (await tab.Page.Locator("main h2").First.EvaluateAsync<string>("e => getComputedStyle(e).direction")).Should().Be("rtl");

        await tab.GotoAsync("/?lang=en");
        await Expect(tab.Page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        (logoBox, navigationBox) = (await BoxAsync(tab, logo), await BoxAsync(tab, navigation));
        (logoBox.X + logoBox.Width).Should().BeLessThanOrEqualTo(navigationBox.X, "the logo starts the line, on the left, in English");

        tab.Problems.Should().BeEmpty();
    }

    private static async Task<Microsoft.Playwright.LocatorBoundingBoxResult> BoxAsync(BrowserTab tab, string selector) =>
        await tab.Page.Locator(selector).First.BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} is not shown on {tab.Page.Url}");
}
