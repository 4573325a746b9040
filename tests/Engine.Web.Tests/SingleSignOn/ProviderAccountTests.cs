using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engine.Web.Tests.SingleSignOn;

/// <summary>
/// What a member who signs in through the site's provider (no password) can do with their account: see and end their sign-ins,
/// download their data with the provider link and two-factor state, give a code after the provider when they use two factors,
/// and delete their account with a code or a fresh sign-in in place of the password they do not have.
/// </summary>
public partial class ProviderAccountTests(SingleSignOnApp app) : IClassFixture<SingleSignOnApp>
{
    private static TestPerson Person(string name) => new(Guid.NewGuid().ToString("N"), TestEmail.Unique(name), name);

    private async Task<Visitor> SignedInAsync(TestPerson person, string host = "alpha.test")
    {
        var browser = app.Visit(host);
        (await app.SignInAsync(browser, "nhsmail", person)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await browser.UseAntiforgeryHeaderAsync();
        return browser;
    }

    [Fact]
    public async Task Ending_one_of_two_sign_ins_signs_that_browser_out_at_its_next_request_and_leaves_this_one()
    {
        var person = Person("Sid Sessions");
        using var laptop = await SignedInAsync(person);
        using var phone = app.Visit("alpha.test");
        phone.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36");
        (await app.SignInAsync(phone, "nhsmail", person)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var page = WebUtility.HtmlDecode((await laptop.GetPageAsync("/account/tokens")).Html);
        var sessions = SessionRow().Matches(page).Select(m => m.Groups[1].Value).ToList();
        sessions.Should().HaveCount(2);
        page.Should().Contain("Sign in with NHSmail").And.Contain("Chrome on Android").And.Contain("This browser")
            .And.NotContain("Mozilla/5.0", "the list names the browser and system, not the raw user agent");
        var phones = SessionRow().Matches(page).Single(m => m.Value.Contains("Chrome on Android")).Groups[1].Value;

        (await phone.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.OK);
        (await laptop.SubmitAsync("/account/tokens", "account/sessions/revoke", new() { ["id"] = phones })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await phone.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.Redirect, "the ended sign-in is nobody at its next request");
        (await laptop.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.OK);
        SessionRow().Matches(WebUtility.HtmlDecode((await laptop.GetPageAsync("/account/tokens")).Html)).Should().ContainSingle();

        // Someone else's sign-in is not theirs to end.
        using var other = await SignedInAsync(Person("Oona Other"));
        var mine = SessionRow().Match((await laptop.GetPageAsync("/account/tokens")).Html).Groups[1].Value;
        (await other.SubmitAsync("/account/tokens", "account/sessions/revoke", new() { ["id"] = mine })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await laptop.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_data_download_holds_the_provider_link_and_the_sign_ins_of_a_member_without_a_password()
    {
        var person = Person("Lin Link");
        using var member = await SignedInAsync(person);
        var files = await DataRights.DataRightsApp.UnzipAsync(await member.Http.GetAsync("api/v1/account/data"));
        var data = JsonDocument.Parse(files["my-data.json"]).RootElement;
        data.GetProperty("providerLinks").EnumerateArray().Select(l => (l.GetProperty("provider").GetString(), l.GetProperty("subject").GetString()))
            .Should().Equal(("nhsmail", person.Subject));
        data.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("how").GetString()).Should().Equal("Sign in with NHSmail");
        files["provider-links.csv"].Should().StartWith("provider,subject,created_at\r\n").And.Contain($"nhsmail,{person.Subject},");
    }

    [Fact]
    public async Task A_member_without_a_password_deletes_their_account_within_minutes_of_signing_in_and_is_asked_to_sign_in_again_later()
    {
        var person = Person("Della Delete");
        using var member = await SignedInAsync(person);
        var form = (await member.GetPageAsync("/account/delete")).Html;
        form.Should().NotContain("type=\"password\"", "the account has no password to give").And.Contain("id=\"fresh-sign-in\"");

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var late = await member.SubmitAsync("/account/delete", "account/delete", new() { ["contributions"] = "keep" });
        late.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()).Should().Contain("sign out, sign in again, and delete it within 10 minutes");
        (await member.Http.PostAsJsonAsync("api/v1/account/delete", new { deleteContributions = false })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await member.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.OK, "nothing was deleted");

        using var again = await SignedInAsync(person);
        var deleted = await again.SubmitAsync("/account/delete", "account/delete", new() { ["contributions"] = "keep" });
        deleted.StatusCode.Should().Be(HttpStatusCode.OK, await deleted.Content.ReadAsStringAsync());
        (await again.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.Redirect);
        (await member.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.Redirect, "every sign-in ends with the account");
    }

    [Fact]
    public async Task A_member_who_uses_two_factors_gives_the_code_after_the_provider_and_deletes_with_a_code_at_any_time()
    {
        var person = Person("Cody Code");
        using var member = await SignedInAsync(person);
        (await member.SubmitAsync("/account/two-factor", "account/two-factor/start", new())).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var key = EnrolmentKey().Match((await member.GetPageAsync("/account/two-factor")).Html).Groups[1].Value;
        (await member.SubmitAsync("/account/two-factor", "account/two-factor/enable", new() { ["code"] = TestAuthenticatorApp.Code(key, app.Clock.GetUtcNow()) }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        // The engine's clock is the app's, and each code works once: the sign-in's code is the app's next one.
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        using var browser = app.Visit("alpha.test");
        var answer = await app.SignInAsync(browser, "nhsmail", person, "/challenges/waiting-well");
        answer.Headers.Location!.OriginalString.Should().Be("/account/signin/code?returnUrl=%2Fchallenges%2Fwaiting-well", "the provider proved the first factor only");
        (await browser.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.Redirect);
        var signedIn = await browser.SubmitAsync("/account/signin/code", "account/signin/code",
            new() { ["code"] = TestAuthenticatorApp.Code(key, app.Clock.GetUtcNow()), ["returnUrl"] = "/challenges/waiting-well" });
        signedIn.Headers.Location!.OriginalString.Should().Be("/challenges/waiting-well");
        WebUtility.HtmlDecode((await browser.GetPageAsync("/account/tokens")).Html).Should().Contain("Sign in with NHSmail and code");

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        (await browser.GetPageAsync("/account/delete")).Html.Should().Contain("name=\"code\"").And.NotContain("id=\"fresh-sign-in\"");
        var wrong = await browser.SubmitAsync("/account/delete", "account/delete", new() { ["code"] = "", ["contributions"] = "keep" });
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var deleted = await browser.SubmitAsync("/account/delete", "account/delete",
            new() { ["code"] = TestAuthenticatorApp.Code(key, app.Clock.GetUtcNow(), stepsFromNow: -1), ["contributions"] = "delete" });
        deleted.StatusCode.Should().Be(HttpStatusCode.OK, await deleted.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<tr id=\"session-([0-9a-f]{32})\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex SessionRow();

    [GeneratedRegex("id=\"two-factor-key\">([A-Z2-7 ]+)</code>")]
    private static partial Regex EnrolmentKey();
}
