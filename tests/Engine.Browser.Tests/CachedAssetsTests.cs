using System.Text.RegularExpressions;

namespace Engine.Browser.Tests;

/// <summary>
/// In chromium, every style sheet and script a page of each theme loads comes from an address with a content hash, kept
/// for a year, and the nhs theme's script still brings nhsuk-frontend to life (it imports the package from beside the
/// hashed style sheet).
/// </summary>
[Collection("journeys")]
public sealed partial class CachedAssetsTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task Every_script_and_style_sheet_comes_from_a_hashed_address_kept_for_a_year(string theme)
    {
        var site = EngineServer.For(theme);
        await using var tab = await fixture.OpenAsync(site, "cached-assets");
        var loaded = new List<(string Url, string? CacheControl)>();
        tab.Page.Response += (_, response) =>
        {
            if (response.Request.ResourceType is "script" or "stylesheet")
                loaded.Add((response.Url, response.Headers.GetValueOrDefault("cache-control")));
        };
        await tab.GotoAsync("/");
        await tab.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        // site.css is the site's colours, with them in its address already; axe-core is the tests' own.
        var files = loaded.Where(f => !f.Url.Contains("/site.css") && !f.Url.Contains(EngineServer.AxeScriptUrl)).ToList();
        files.Should().NotBeEmpty();
        foreach (var (url, cacheControl) in files)
        {
            url.Should().MatchRegex(Hashed().ToString(), "every file the page loads changes address when it changes");
            cacheControl.Should().Be("public, max-age=31536000, immutable", url);
        }
        if (theme == "nhs")
        {
            files.Should().Contain(f => f.Url.EndsWith("/nhsuk-frontend.min.js"), "nhs.js imports nhsuk-frontend's script");
            (await tab.Page.EvaluateAsync<bool>("() => document.body.classList.contains('nhsuk-frontend-supported')")).Should().BeTrue("nhs.js ran to its end");
        }
        tab.Problems.Should().BeEmpty();
    }

    [GeneratedRegex("/(theme|frontend/nhsuk)/v-[0-9a-f]{12}/")]
    private static partial Regex Hashed();
}
