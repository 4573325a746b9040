using System.Net;
using System.Text.RegularExpressions;

namespace Engine.Web.Tests;

/// <summary>
/// Every page of every theme says what it is about in a meta description (the idea's opening words, the challenge's
/// question, else the site's tagline) and links an icon that is served: the theme's, or a tenant's own.
/// </summary>
public sealed partial class PageHeadTests(PageHeadTests.App app) : IClassFixture<PageHeadTests.App>
{
    public const string OwnIcon = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"><rect width=\"8\" height=\"8\" fill=\"#c00\"/></svg>";

    /// <summary>Alpha (base) and beta (base, its own icon in its overrides), and a site on each other theme.</summary>
    public sealed class App : EngineApp
    {
        public App()
        {
            WriteTenant("nhs-site", Tenant("nhs-site", "NHS Care Voices", ["nhs.test"], anonymous: false, downVotes: false, theme: "nhs"));
            WriteTenant("london-site", Tenant("london-site", "London Care Voices", ["london.test"], anonymous: false, downVotes: false, theme: "london"));
            Directory.CreateDirectory(Path.Combine(TenantsPath, "beta", "overrides", "assets"));
            File.WriteAllText(Path.Combine(TenantsPath, "beta", "overrides", "assets", "favicon.svg"), OwnIcon);
        }
    }

    [Theory]
    [InlineData("alpha.test", "Alpha Health Ideas")]
    [InlineData("nhs.test", "NHS Care Voices")]
    [InlineData("london.test", "London Care Voices")]
    public async Task Home_challenge_and_idea_pages_describe_themselves(string host, string name)
    {
        var (member, _) = await app.MemberAsync(host, Engine.Core.Members.Roles.Member);
        var body = "Send each patient a text with their place on the waiting list, and update it weekly. " + new string('x', 300);
        var idea = await member.PostIdeaAsync(body: body);
        member.Dispose();
        using var visitor = app.Visit(host);

        (await DescriptionAsync(visitor, "/")).Should().Be($"{name} tagline");
        (await DescriptionAsync(visitor, "/challenges/waiting-well")).Should().Be("How can we help people wait well?");
        var ofIdea = await DescriptionAsync(visitor, $"/ideas/{idea}");
        ofIdea.Should().StartWith("Send each patient a text with their place on the waiting list").And.EndWith("…", "cut at a word's end or not, as the cards' excerpts are");
        ofIdea.Length.Should().BeLessThanOrEqualTo(160);
        (await DescriptionAsync(visitor, "/account/signin")).Should().Be($"{name} tagline");
    }

    [Theory]
    [InlineData("alpha.test")]
    [InlineData("nhs.test")]
    [InlineData("london.test")]
    public async Task Each_theme_links_an_icon_that_is_served(string host)
    {
        using var visitor = app.Visit(host);
        var (_, html) = await visitor.GetPageAsync("/");
        var icon = IconLink().Match(html);
        icon.Success.Should().BeTrue($"the {host} layout links an SVG icon");
        using var served = await visitor.Http.GetAsync(icon.Groups[1].Value);
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        (await visitor.Http.GetAsync("/favicon.ico")).StatusCode.Should().Be(HttpStatusCode.OK, "browsers ask for it whatever the page links");
    }

    [Fact]
    public async Task A_tenant_with_an_icon_in_its_overrides_has_its_own()
    {
        using var beta = app.Visit("beta.test");
        using var alpha = app.Visit("alpha.test");
        var betaIcon = IconLink().Match((await beta.GetPageAsync("/")).Html).Groups[1].Value;
        var alphaIcon = IconLink().Match((await alpha.GetPageAsync("/")).Html).Groups[1].Value;
        (await beta.Http.GetStringAsync(betaIcon)).Should().Be(OwnIcon);
        (await beta.Http.GetStringAsync("/favicon.ico")).Should().Be(OwnIcon);
        (await alpha.Http.GetStringAsync(alphaIcon)).Should().NotBe(OwnIcon, "only beta's overrides have it");
    }

    private static async Task<string> DescriptionAsync(Visitor visitor, string path)
    {
        var (status, html) = await visitor.GetPageAsync(path);
        status.Should().Be(HttpStatusCode.OK, path);
        var meta = Description().Matches(html);
        meta.Should().ContainSingle($"{path} has one meta description");
        return WebUtility.HtmlDecode(meta[0].Groups[1].Value);
    }

    [GeneratedRegex("<meta name=\"description\" content=\"([^\"]*)\">")]
    private static partial Regex Description();

    [GeneratedRegex("<link rel=\"icon\" href=\"([^\"]+)\"[^>]*type=\"image/svg\\+xml\"")]
    private static partial Regex IconLink();
}
