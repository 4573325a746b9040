using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Web.Tests.Accounts;

/// <summary>
/// Two factors as a member meets them: enrolling an authenticator app from the QR code's key, the recovery codes shown once, the
/// sign-in that asks for the code after the password, a recovery code that works once, wrong codes that lock the account for a
/// while, the API's one-request sign-in, switching it off with a code; and "staff must use two factors" on delta.
/// </summary>
public partial class TwoFactorTests(TwoFactorTests.App app) : IClassFixture<TwoFactorTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            var delta = Tenant("delta", "Delta Staff Ideas", ["delta.test"], anonymous: false, downVotes: false);
            delta["signIn"] = new { staffTwoFactor = true };
            WriteTenant("delta", delta);
        }
    }

    private const string Password = "correct horse battery";

    /// <summary>A member of the host's site, signed in, who has enrolled an app: their email, key and recovery codes.</summary>
    private async Task<(Visitor Visitor, string Email, string Key, IReadOnlyList<string> RecoveryCodes)> EnrolledAsync(string host = "alpha.test",
        string role = Roles.Member)
    {
        var email = TestEmail.Unique("twofactor");
        var (member, _) = await app.MemberAsync(host, role, "Tess Factor", email);
        var key = await StartAsync(member);
        var enabled = await member.SubmitAsync("/account/two-factor", "account/two-factor/enable", new() { ["code"] = TestAuthenticatorApp.Code(key) });
        var html = WebUtility.HtmlDecode(await enabled.Content.ReadAsStringAsync());
        enabled.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return (member, email, key, RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList());
    }

    /// <summary>Presses "Set up an authenticator app" and reads the key the page shows.</summary>
    internal static async Task<string> StartAsync(Visitor member)
    {
        (await member.SubmitAsync("/account/two-factor", "account/two-factor/start", new())).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var html = (await member.GetPageAsync("/account/two-factor")).Html;
        return EnrolmentKey().Match(html).Groups[1].Value.Replace(" ", "");
    }

    private static Task<HttpResponseMessage> SignInAsync(Visitor visitor, string email, string returnUrl = "/challenges/waiting-well") =>
        visitor.SubmitAsync("/account/signin", "account/signin", new() { ["email"] = email, ["password"] = Password, ["returnUrl"] = returnUrl });

    private static Task<HttpResponseMessage> CodeAsync(Visitor visitor, string code, string returnUrl = "/challenges/waiting-well") =>
        visitor.SubmitAsync("/account/signin/code", "account/signin/code", new() { ["code"] = code, ["returnUrl"] = returnUrl });

    [Fact]
    public async Task A_member_enrols_from_the_QR_code_s_key_after_a_right_first_code_and_sees_ten_recovery_codes_once()
    {
        var email = TestEmail.Unique("enrol");
        var (member, _) = await app.MemberAsync("alpha.test", Roles.Member, "Enid Enrol", email);
        using var elsewhere = app.Visit("alpha.test");
        (await elsewhere.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = Password })).StatusCode.Should().Be(HttpStatusCode.OK);

        var before = (await member.GetPageAsync("/account/two-factor")).Html;
        before.Should().Contain("Two factors are off").And.Contain("account/two-factor/start").And.NotContain("two-factor-qr");
        var key = await StartAsync(member);
        key.Should().MatchRegex("^[A-Z2-7]{32}$", "the key is Base32, for typing into an app");
        var enrolling = (await member.GetPageAsync("/account/two-factor")).Html;
        enrolling.Should().Contain("<img id=\"two-factor-qr\" src=\"/account/two-factor/qr.svg\"");
        var qr = await member.Http.GetAsync("account/two-factor/qr.svg");
        qr.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        qr.Headers.CacheControl!.NoStore.Should().BeTrue("the picture holds the key");
        (await qr.Content.ReadAsStringAsync()).Should().Contain("<svg").And.Contain("<rect", "the QR code is drawn on the server");
        using var visitor = app.Visit("alpha.test");
        (await visitor.Http.GetAsync("account/two-factor/qr.svg")).StatusCode.Should().Be(HttpStatusCode.Redirect, "it is the member's own");

        var wrong = await member.SubmitAsync("/account/two-factor", "account/two-factor/enable", new() { ["code"] = "000000" == TestAuthenticatorApp.Code(key) ? "111111" : "000000" });
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()).Should().Contain("That code is not right").And.Contain("Two factors are off");

        var right = await member.SubmitAsync("/account/two-factor", "account/two-factor/enable", new() { ["code"] = TestAuthenticatorApp.Code(key) });
        var html = WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync());
        right.StatusCode.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain("id=\"recovery-codes\"").And.Contain("Two factors are on").And.Contain("You have 10 recovery codes left.");
        RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).Distinct().Should().HaveCount(10);
        var again = WebUtility.HtmlDecode((await member.GetPageAsync("/account/two-factor")).Html);
        again.Should().NotContain("id=\"recovery-codes\"", "they are shown only once").And.NotContain("two-factor-key", "nor is the key");
        RecoveryCode().Matches(again).Should().BeEmpty();

        (await member.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.OK, "this browser stays signed in");
        (await elsewhere.Http.GetAsync("api/v1/account/tokens")).StatusCode.Should().Be(HttpStatusCode.Unauthorized,
            "turning two factors on signs the member out everywhere else");
    }

    [Fact]
    public async Task Signing_in_asks_for_the_code_after_the_password_and_only_the_right_code_signs_in()
    {
        var (_, email, key, _) = await EnrolledAsync();
        using var browser = app.Visit("alpha.test");
        var first = await SignInAsync(browser, email);
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        first.Headers.Location!.OriginalString.Should().Be("/account/signin/code?returnUrl=%2Fchallenges%2Fwaiting-well");
        (await browser.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.Redirect, "the password alone signs nobody in");
        WebUtility.HtmlDecode((await browser.GetPageAsync("/account/signin/code")).Html).Should().Contain("Your account uses two factors");

        var wrong = await CodeAsync(browser, "12345");
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()).Should().Contain("That code is not right");
        var right = await CodeAsync(browser, TestAuthenticatorApp.Code(key, stepsFromNow: 1));
        right.StatusCode.Should().Be(HttpStatusCode.Redirect);
        right.Headers.Location!.OriginalString.Should().Be("/challenges/waiting-well");
        var sessions = WebUtility.HtmlDecode((await browser.GetPageAsync("/account/tokens")).Html);
        sessions.Should().Contain("Password and code").And.Contain("This browser");

        using var stranger = app.Visit("alpha.test");
        var asked = await stranger.Http.GetAsync("account/signin/code");
        asked.StatusCode.Should().Be(HttpStatusCode.Redirect, "the code is asked only of someone who gave the password");
        asked.Headers.Location!.OriginalString.Should().StartWith("/account/signin?");
        await stranger.UseAntiforgeryHeaderAsync();
        (await stranger.Http.PostAsync("account/signin/code", new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = TestAuthenticatorApp.Code(key) })))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await stranger.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.Redirect, "a code without the password signs nobody in");
        using var otherSite = app.Visit("beta.test");
        (await otherSite.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized,
            "the account is alpha's only");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_in_any_case_and_then_never_again()
    {
        var (member, email, _, codes) = await EnrolledAsync();
        using var first = app.Visit("alpha.test");
        await SignInAsync(first, email);
        (await CodeAsync(first, codes[0].ToLowerInvariant())).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await first.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode((await member.GetPageAsync("/account/two-factor")).Html).Should().Contain("You have 9 recovery codes left.");

        using var second = app.Visit("alpha.test");
        await SignInAsync(second, email);
        (await CodeAsync(second, codes[0])).StatusCode.Should().Be(HttpStatusCode.BadRequest, "each recovery code works once");
        (await second.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_so_that_even_the_right_code_is_refused_for_a_while()
    {
        var (_, email, key, _) = await EnrolledAsync();
        using var guesser = app.Visit("alpha.test");
        await SignInAsync(guesser, email);
        var right = TestAuthenticatorApp.Code(key);
        foreach (var guess in new[] { "000001", "000002", "000003", "000004", "000005" }.Where(g => g != right))
            (await CodeAsync(guesser, guess)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CodeAsync(guesser, TestAuthenticatorApp.Code(key))).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the account is locked for a few minutes");
        (await guesser.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_API_signs_in_with_the_password_and_the_code_in_one_request_and_so_makes_tokens()
    {
        var (_, email, key, _) = await EnrolledAsync();
        using var client = app.Visit("alpha.test");
        var without = await client.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = Password });
        without.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Visitor.ProblemAsync(without)).GetProperty("detail").GetString().Should().Contain("This account uses two factors");
        var wrongPassword = await client.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "not the password", code = TestAuthenticatorApp.Code(key, stepsFromNow: 1) });
        (await Visitor.ProblemAsync(wrongPassword)).GetProperty("detail").GetString().Should().NotContain("two factors", "only someone with the password learns it");

        (await client.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = Password, name = "Script" })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized);
        var token = await client.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = Password, name = "Script", code = TestAuthenticatorApp.Code(key, stepsFromNow: 1) });
        token.StatusCode.Should().Be(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        var signedIn = await client.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = Password, code = TestAuthenticatorApp.Code(key, stepsFromNow: 2) });
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK, await signedIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Two_factors_are_switched_off_only_with_a_code_and_then_the_password_alone_signs_in()
    {
        var (member, email, key, codes) = await EnrolledAsync();
        var refused = await member.SubmitAsync("/account/two-factor", "account/two-factor/disable", new() { ["code"] = "" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode((await member.GetPageAsync("/account/two-factor")).Html).Should().Contain("Two factors are on");

        (await member.SubmitAsync("/account/two-factor", "account/two-factor/disable", new() { ["code"] = TestAuthenticatorApp.Code(key, stepsFromNow: 1) }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode((await member.GetPageAsync("/account/two-factor")).Html).Should().Contain("Two factors are off");
        using var browser = app.Visit("alpha.test");
        (await SignInAsync(browser, email)).Headers.Location!.OriginalString.Should().Be("/challenges/waiting-well");
        (await browser.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.OK);
        // Enrolling again makes a new key: the old recovery codes are gone with the old one.
        var newKey = await StartAsync(member);
        newKey.Should().NotBe(key);
        (await member.SubmitAsync("/account/two-factor", "account/two-factor/enable", new() { ["code"] = TestAuthenticatorApp.Code(newKey) }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        using var later = app.Visit("alpha.test");
        await SignInAsync(later, email);
        (await CodeAsync(later, codes[1])).StatusCode.Should().Be(HttpStatusCode.BadRequest, "switching off forgot the old recovery codes");
    }

    [Fact]
    public async Task Where_staff_must_use_two_factors_a_moderator_is_sent_to_enrol_before_any_staff_page_or_API_and_a_member_is_not_asked()
    {
        var (moderator, _) = await app.MemberAsync("delta.test", Roles.Moderator, "Mo Derator");
        var page = await moderator.Http.GetAsync("admin");
        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.Should().Be("/account/two-factor");
        WebUtility.HtmlDecode((await moderator.GetPageAsync("/account/two-factor")).Html)
            .Should().Contain("Delta Staff Ideas asks its moderators and admins to use two factors");
        var api = await moderator.Http.GetAsync("api/v1/admin/moderation/queue");
        api.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Visitor.ProblemAsync(api)).GetProperty("detail").GetString().Should().Contain("set up an authenticator app at /account/two-factor");

        var key = await StartAsync(moderator);
        (await moderator.SubmitAsync("/account/two-factor", "account/two-factor/enable", new() { ["code"] = TestAuthenticatorApp.Code(key) }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await moderator.Http.GetAsync("admin")).StatusCode.Should().Be(HttpStatusCode.OK, "enrolled, the staff pages open");
        (await moderator.Http.GetAsync("api/v1/admin/moderation/queue")).StatusCode.Should().Be(HttpStatusCode.OK);

        var (member, _) = await app.MemberAsync("delta.test", Roles.Member, "Mem Ber");
        WebUtility.HtmlDecode((await member.GetPageAsync("/account/two-factor")).Html).Should().NotContain("asks its moderators");
        (await member.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.OK);
        var (elsewhere, _) = await app.MemberAsync("alpha.test", Roles.Moderator, "Al Moderator");
        (await elsewhere.Http.GetAsync("admin")).StatusCode.Should().Be(HttpStatusCode.OK, "alpha does not ask its staff for two factors");
    }

    [Fact]
    public async Task A_moderator_s_personal_token_opens_staff_APIs_only_while_they_use_two_factors()
    {
        var email = TestEmail.Unique("tokenmod");
        var (moderator, _) = await app.MemberAsync("delta.test", Roles.Moderator, "Tok Moderator", email);
        var made = await moderator.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = Password, name = "Queue script" });
        made.StatusCode.Should().Be(HttpStatusCode.OK, await made.Content.ReadAsStringAsync());
        var token = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var script = app.Visit("delta.test");
        script.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var refused = await script.Http.GetAsync("api/v1/admin/moderation/queue");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Contain("two factors");
        (await script.Http.GetAsync("api/v1/account/tokens")).StatusCode.Should().Be(HttpStatusCode.OK, "the token still works for the member's own things");

        var key = await StartAsync(moderator);
        (await moderator.SubmitAsync("/account/two-factor", "account/two-factor/enable", new() { ["code"] = TestAuthenticatorApp.Code(key) }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await script.Http.GetAsync("api/v1/account/tokens")).StatusCode.Should().Be(HttpStatusCode.Unauthorized,
            "turning two factors on ends every token made before");
        var again = await moderator.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = Password, name = "Queue script", code = TestAuthenticatorApp.Code(key, stepsFromNow: 1) });
        script.Http.DefaultRequestHeaders.Authorization = new("Bearer", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        (await script.Http.GetAsync("api/v1/admin/moderation/queue")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [GeneratedRegex("id=\"two-factor-key\">([A-Z2-7 ]+)</code>")]
    internal static partial Regex EnrolmentKey();

    [GeneratedRegex(@"<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
