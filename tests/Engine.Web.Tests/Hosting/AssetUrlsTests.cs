using System.Net;
using System.Text.RegularExpressions;
using Engine.Web.Site;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// Pages link their theme's files and nhsuk-frontend at addresses with a hash of the files' contents, kept by browsers
/// for a year; the same file without the hash still answers, for a short while; a tenant whose overrides change a file
/// gets addresses of its own.
/// </summary>
public sealed partial class AssetUrlsTests(AssetUrlsTests.App app) : IClassFixture<AssetUrlsTests.App>
{
    /// <summary>Alpha (base theme) and a site on each other theme, and one on base with its own style sheet.</summary>
    public sealed class App : EngineApp
    {
        public const string OwnStyle = "/* own look */ body { color: #222; }\n";

        public App()
        {
            WriteTenant("nhs-site", Tenant("nhs-site", "NHS Care Voices", ["nhs.test"], anonymous: false, downVotes: false, theme: "nhs"));
            WriteTenant("london-site", Tenant("london-site", "London Care Voices", ["london.test"], anonymous: false, downVotes: false, theme: "london"));
            WriteTenant("own", Tenant("own", "Own Look", ["own.test"], anonymous: false, downVotes: false));
            Directory.CreateDirectory(Path.Combine(TenantsPath, "own", "overrides", "assets"));
            File.WriteAllText(Path.Combine(TenantsPath, "own", "overrides", "assets", "base.css"), OwnStyle);
        }
    }

    [Theory]
    [InlineData("alpha.test", 2)]
    [InlineData("nhs.test", 4)]
    [InlineData("london.test", 2)]
    public async Task Every_style_sheet_and_script_a_page_loads_is_hashed_and_kept_for_a_year(string host, int atLeast)
    {
        using var visitor = app.Visit(host);
        var (status, html) = await visitor.GetPageAsync("/");
        status.Should().Be(HttpStatusCode.OK);
        // site.css is the site's colours, with them in its address already.
        var files = Loaded().Matches(html).Select(m => m.Groups[1].Value).Where(url => !url.StartsWith("/site.css")).ToList();
        files.Should().HaveCountGreaterThanOrEqualTo(atLeast);
        foreach (var url in files)
        {
            url.Should().MatchRegex("^/(theme|frontend/nhsuk)/v-[0-9a-f]{12}/", "every file the page loads changes address when it changes");
            using var hashed = await visitor.Http.GetAsync(url);
            hashed.StatusCode.Should().Be(HttpStatusCode.OK, url);
            hashed.Headers.CacheControl!.ToString().Should().Be(AssetUrls.Immutable, url);

            var plainUrl = Hash().Replace(url, "/");
            using var plain = await visitor.Http.GetAsync(plainUrl);
            plain.StatusCode.Should().Be(HttpStatusCode.OK, plainUrl);
            plain.Headers.CacheControl!.ToString().Should().Be(AssetUrls.ShortLived, plainUrl);
            (await plain.Content.ReadAsByteArrayAsync()).Should().Equal(await hashed.Content.ReadAsByteArrayAsync(), $"{plainUrl} is the same file as {url}");
        }
    }

    [Fact]
    public async Task A_tenant_whose_overrides_change_a_file_has_its_own_address_and_an_old_address_is_short_lived()
    {
        using var alpha = app.Visit("alpha.test");
        using var own = app.Visit("own.test");
        var alphaCss = Loaded().Matches((await alpha.GetPageAsync("/")).Html).Select(m => m.Groups[1].Value).Single(u => u.EndsWith("/base.css"));
        var ownCss = Loaded().Matches((await own.GetPageAsync("/")).Html).Select(m => m.Groups[1].Value).Single(u => u.EndsWith("/base.css"));
        ownCss.Should().NotBe(alphaCss);
        (await own.Http.GetStringAsync(ownCss)).Should().Be(App.OwnStyle);

        // The base theme's address on the other site: that is not this site's file now, so it must not be kept for good.
        using var stale = await own.Http.GetAsync(alphaCss);
        stale.StatusCode.Should().Be(HttpStatusCode.OK);
        stale.Headers.CacheControl!.ToString().Should().Be(AssetUrls.ShortLived);
        (await stale.Content.ReadAsStringAsync()).Should().Be(App.OwnStyle);
    }

    [GeneratedRegex("<(?:link rel=\"stylesheet\" href|script[^>]* src)=\"([^\"]+)\"")]
    private static partial Regex Loaded();

    [GeneratedRegex("/v-[0-9a-f]{12}/")]
    private static partial Regex Hash();
}
