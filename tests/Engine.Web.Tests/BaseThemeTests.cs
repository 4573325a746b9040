using System.Net;
using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Web.Tests;

/// <summary>
/// The fallback theme, which every site gets when its own theme breaks, as a screen reader and a
/// browser meet it: errors tied to their fields, no emoji read aloud, the server's messages rather
/// than the browser's own validation bubbles, and an icon of its own.
/// </summary>
public sealed partial class BaseThemeTests(EngineApp app) : IClassFixture<EngineApp>
{
    [Fact]
    public async Task Registration_and_sign_in_errors_are_tied_to_their_fields()
    {
        using var visitor = app.Visit("alpha.test");
        var register = await visitor.SubmitAsync("/account/register", "/account/register", new() { ["displayName"] = "", ["email"] = "", ["password"] = "" });
        var html = await register.Content.ReadAsStringAsync();
        register.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var field = Regex.Match(html, "<p class=\"field-error\" id=\"([a-zA-Z]+)-error\">");
        field.Success.Should().BeTrue(html);
        html.Should().MatchRegex($"<input id=\"{field.Groups[1].Value}\"[^>]*aria-describedby=\"[^\"]*{field.Groups[1].Value}-error");

        var signIn = await visitor.SubmitAsync("/account/signin", "/account/signin", new() { ["email"] = "nobody@example.org", ["password"] = "wrong password" });
        (await signIn.Content.ReadAsStringAsync()).Should().Contain("id=\"password-error\"").And.MatchRegex("<input id=\"password\"[^>]*aria-describedby=\"password-error\"");
    }

    [Fact]
    public async Task Vote_emoji_are_hidden_from_screen_readers_which_hear_words_instead()
    {
        var (member, _) = await app.MemberAsync("beta.test", Roles.Member);
        var idea = await member.PostIdeaAsync();
        var (_, html) = await member.GetPageAsync($"/ideas/{idea}");
        Emoji().Matches(html).Should().NotBeEmpty().And.OnlyContain(m => m.Value.StartsWith("<span aria-hidden=\"true\">"));
        html.Should().Contain("support this idea");
    }

    [Fact]
    public async Task Comment_forms_leave_validation_to_the_server_and_the_site_has_an_icon()
    {
        var (member, _) = await app.MemberAsync("alpha.test", Roles.Member);
        var idea = await member.PostIdeaAsync();
        var (_, html) = await member.GetPageAsync($"/ideas/{idea}");
        html.Should().MatchRegex("<form method=\"post\" action=\"[^\"]*\" class=\"comment-form\" novalidate>");
        // The theme's files are linked at an address with their content hash (Site/AssetUrls.cs).
        var href = Regex.Match(html, "<link rel=\"icon\" href=\"(/theme/v-[0-9a-f]{12}/favicon.svg)\"");
        href.Success.Should().BeTrue("the layout links the theme's icon");
        var icon = await member.Http.GetAsync(href.Groups[1].Value);
        icon.StatusCode.Should().Be(HttpStatusCode.OK);
        icon.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
    }

    [GeneratedRegex("(<span aria-hidden=\"true\">)?(👍|👎)")]
    private static partial Regex Emoji();
}
