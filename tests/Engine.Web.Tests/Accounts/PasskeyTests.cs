using System.Net;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Accounts;

/// <summary>
/// Passkeys over HTTP, where no authenticator is needed (the whole ceremony is tested in chromium: PasskeyBrowserTests): each
/// site is its own relying party, only a signed-in member may start adding one, and an answer without the site's challenge
/// or from no known passkey signs nobody in.
/// </summary>
public sealed class PasskeyTests(EngineApp app) : IClassFixture<EngineApp>
{
    [Theory]
    [InlineData("alpha.test")]
    [InlineData("beta.test")]
    public async Task Each_site_asks_for_a_passkey_of_its_own_host_with_a_fresh_challenge(string host)
    {
        using var visitor = app.Visit(host);
        var first = await visitor.SubmitAsync("/account/signin", "account/signin/passkey/options", new());
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.CacheControl!.NoStore.Should().BeTrue();
        var options = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        options.GetProperty("rpId").GetString().Should().Be(host);
        options.GetProperty("userVerification").GetString().Should().Be("required");
        var second = JsonDocument.Parse(await (await visitor.SubmitAsync("/account/signin", "account/signin/passkey/options", new())).Content.ReadAsStringAsync());
        second.RootElement.GetProperty("challenge").GetString().Should().NotBe(options.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task Only_a_signed_in_member_may_start_adding_a_passkey_which_is_made_discoverable_for_them()
    {
        using var visitor = app.Visit("alpha.test");
        (await visitor.SubmitAsync("/account/signin", "account/passkeys/options", new())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var (member, _) = await app.MemberAsync("alpha.test", Roles.Member, "Pip Passkey");
        var answer = await member.SubmitAsync("/account/two-factor", "account/passkeys/options", new());
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        var options = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        options.GetProperty("rp").GetProperty("id").GetString().Should().Be("alpha.test");
        options.GetProperty("user").GetProperty("displayName").GetString().Should().Be("Pip Passkey");
        options.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString().Should().Be("required");
        (await member.GetPageAsync("/account/two-factor")).Html.Should().Contain("id=\"no-passkeys\"");
    }

    [Fact]
    public async Task An_answer_without_the_site_s_challenge_or_from_no_passkey_it_knows_signs_nobody_in()
    {
        using var visitor = app.Visit("alpha.test");
        var withoutChallenge = await visitor.SubmitAsync("/account/signin", "account/signin/passkey", new() { ["credential"] = "{}" });
        withoutChallenge.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await withoutChallenge.Content.ReadAsStringAsync()).Should().Contain("That passkey does not sign in to an account on this site");

        await visitor.SubmitAsync("/account/signin", "account/signin/passkey/options", new());
        var unknown = await visitor.SubmitAsync("/account/signin", "account/signin/passkey", new()
        {
            ["credential"] = """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AAAA","signature":"AAAA","userHandle":"MQ"},"clientExtensionResults":{}}""",
        });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await visitor.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.Redirect, "nobody is signed in");
    }
}
