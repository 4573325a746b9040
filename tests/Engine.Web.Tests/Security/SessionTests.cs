using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Engine.Core.Members;
using Engine.Web.Tests.Email;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Security;

/// <summary>capped caps personal tokens at 30 days (tenant.json accounts.maxTokenDays); the others keep the engine's cap.</summary>
public sealed class SessionApp : MailApp
{
    public const string Capped = "capped.test";
    public const int MaxTokenDays = 30;

    public SessionApp()
    {
        var capped = Tenant("capped", "Capped Tokens", [Capped], anonymous: false, downVotes: false);
        capped["accounts"] = new { maxTokenDays = MaxTokenDays };
        WriteTenant("capped", capped);
        foreach (var theme in Themes) WriteTenant($"{theme}-site", Tenant($"{theme}-site", $"The {theme} site", [$"{theme}.test"], anonymous: false, downVotes: false, theme: theme));
    }

    /// <summary>A site on each shipped theme, at host <c>theme.test</c>.</summary>
    public static readonly string[] Themes = ["base", "nhs", "london"];
}

/// <summary>
/// Sign-in cookies and personal tokens end when they should: a password reset, a sign-out (this cookie and its copies, or
/// everywhere), a block and a role change; tokens are named, dated, expire, are stored hashed and listed and revoked by their owner.
/// A "copied" cookie is the raw Cookie header an attacker would replay, sent by a client with no cookie jar of its own.
/// </summary>
public sealed class SessionTests(SessionApp app) : IClassFixture<SessionApp>
{
    private const HttpStatusCode SignedOut = HttpStatusCode.Redirect;
    private const string Alpha = "alpha.test", Beta = "beta.test", Password = "correct horse battery";
    /// <summary>Answers 200 to a signed-in member (by cookie or bearer token) and sends anyone else to sign in.</summary>
    private const string SignedInOnly = "account/contributions";

    [Fact]
    public async Task A_password_reset_ends_every_sign_in_and_token_taken_before_it()
    {
        var person = await app.RegisteredAsync(Alpha, "Pat Reset");
        var copied = await SignInCookieAsync(Alpha, person.Email);
        var token = await TokenAsync(Alpha, person.Email);
        (await AsCookie(Alpha, copied)).Should().Be(HttpStatusCode.OK);
        (await AsToken(Alpha, token)).Should().Be(HttpStatusCode.OK);

        await ResetPasswordAsync(person, "a brand new passphrase");

        (await AsCookie(Alpha, copied)).Should().Be(SignedOut, "a cookie taken before the reset must not outlive it");
        (await AsToken(Alpha, token)).Should().Be(SignedOut, "a token taken before the reset must not outlive it");
        (await person.Visitor.Http.GetAsync(SignedInOnly)).StatusCode.Should().Be(SignedOut);
        var fresh = await SignInCookieAsync(Alpha, person.Email, "a brand new passphrase");
        (await AsCookie(Alpha, fresh)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_ends_that_cookie_and_every_copy_of_it_but_no_other_sign_in()
    {
        var person = await app.RegisteredAsync(Alpha, "Sam Signout");
        var (browser, laptop) = await SignInAsync(Alpha, person.Email);
        var phone = await SignInCookieAsync(Alpha, person.Email);
        var token = await TokenAsync(Alpha, person.Email);

        var signedOut = await browser.SubmitAsync("account/contributions", "account/signout", []);
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect, await signedOut.Content.ReadAsStringAsync());

        (await AsCookie(Alpha, laptop)).Should().Be(SignedOut, "a copy of a signed-out cookie is nobody");
        (await AsCookie(Alpha, phone)).Should().Be(HttpStatusCode.OK, "signing out on one device leaves the others signed in");
        (await AsToken(Alpha, token)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_sign_in_and_every_token()
    {
        var person = await app.RegisteredAsync(Alpha, "Eve Everywhere");
        var (browser, laptop) = await SignInAsync(Alpha, person.Email);
        var phone = await SignInCookieAsync(Alpha, person.Email);
        var token = await TokenAsync(Alpha, person.Email);

        var signedOut = await browser.SubmitAsync("account/contributions", "account/signout", new() { ["everywhere"] = "true" });
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect, await signedOut.Content.ReadAsStringAsync());

        (await AsCookie(Alpha, laptop)).Should().Be(SignedOut);
        (await AsCookie(Alpha, phone)).Should().Be(SignedOut);
        (await AsToken(Alpha, token)).Should().Be(SignedOut);
    }

    [Fact]
    public async Task The_API_signs_out_this_cookie_or_everywhere()
    {
        var person = await app.RegisteredAsync(Beta, "Api Signout");
        var other = await SignInCookieAsync(Beta, person.Email);
        var token = await TokenAsync(Beta, person.Email);
        (await person.Visitor.Http.PostAsJsonAsync("api/v1/account/signout", new { everywhere = false })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await person.Visitor.Http.GetAsync(SignedInOnly)).StatusCode.Should().Be(SignedOut);
        (await AsCookie(Beta, other)).Should().Be(HttpStatusCode.OK);

        using var client = Raw(Beta);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await client.PostAsJsonAsync("api/v1/account/signout", new { everywhere = true })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await AsCookie(Beta, other)).Should().Be(SignedOut);
        (await AsToken(Beta, token)).Should().Be(SignedOut);
    }

    [Fact]
    public async Task A_block_ends_sign_ins_and_tokens_for_good_and_so_does_a_role_change()
    {
        var moderator = await app.RegisteredAsync(Beta, "Mo Derator", Roles.Admin);
        var blocked = await app.RegisteredAsync(Beta, "Bo Blocked");
        var cookie = await SignInCookieAsync(Beta, blocked.Email);
        var token = await TokenAsync(Beta, blocked.Email);
        (await moderator.Visitor.Http.PostAsJsonAsync($"api/v1/admin/members/{blocked.Id}/block", new { reason = "Abuse" })).EnsureSuccessStatusCode();
        (await moderator.Visitor.Http.PostAsJsonAsync($"api/v1/admin/members/{blocked.Id}/unblock", new { reason = "Appeal upheld" })).EnsureSuccessStatusCode();
        (await AsCookie(Beta, cookie)).Should().Be(SignedOut, "unblocking does not bring back the sign-ins the block ended");
        (await AsToken(Beta, token)).Should().Be(SignedOut);

        var promoted = await app.RegisteredAsync(Beta, "Pro Moted");
        var promotedCookie = await SignInCookieAsync(Beta, promoted.Email);
        var promotedToken = await TokenAsync(Beta, promoted.Email);
        (await moderator.Visitor.Http.PutAsJsonAsync($"api/v1/admin/members/{promoted.Id}/role", new { role = Roles.Moderator })).EnsureSuccessStatusCode();
        (await AsCookie(Beta, promotedCookie)).Should().Be(SignedOut);
        (await AsToken(Beta, promotedToken)).Should().Be(SignedOut);
    }

    [Fact]
    public async Task A_token_has_a_name_dates_and_an_expiry_of_90_days_capped_by_the_site()
    {
        var beta = await app.RegisteredAsync(Beta, "Tom Tokens");
        var made = await IssueAsync(Beta, beta.Email, new { name = "Nightly export" });
        made.GetProperty("name").GetString().Should().Be("Nightly export");
        var betaList = await List(beta.Visitor);
        var listed = betaList.EnumerateArray().Single();
        listed.GetProperty("name").GetString().Should().Be("Nightly export");
        listed.GetProperty("lastUsedAt").ValueKind.Should().Be(JsonValueKind.Null);
        (listed.GetProperty("expiresAt").GetDateTimeOffset() - listed.GetProperty("createdAt").GetDateTimeOffset()).Should().Be(TimeSpan.FromDays(90));
        listed.TryGetProperty("token", out _).Should().BeFalse("the token is shown once, when it is made");

        (await AsToken(Beta, made.GetProperty("token").GetString()!)).Should().Be(HttpStatusCode.OK);
        (await List(beta.Visitor)).EnumerateArray().Single().GetProperty("lastUsedAt").GetDateTimeOffset()
            .Should().BeOnOrAfter(listed.GetProperty("createdAt").GetDateTimeOffset());

        var capped = await app.RegisteredAsync(SessionApp.Capped, "Cap Ped");
        await IssueAsync(SessionApp.Capped, capped.Email, new { name = "Asks too much", days = 1000 });
        var cappedToken = (await List(capped.Visitor)).EnumerateArray().Single();
        (cappedToken.GetProperty("expiresAt").GetDateTimeOffset() - cappedToken.GetProperty("createdAt").GetDateTimeOffset())
            .Should().Be(TimeSpan.FromDays(SessionApp.MaxTokenDays));

        var tooLong = await Raw(Beta).PostAsJsonAsync("api/v1/account/tokens", new { email = beta.Email, password = Password, name = new string('n', 61) });
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(tooLong)).GetProperty("errors").TryGetProperty("name", out _).Should().BeTrue();
        var none = await Raw(Beta).PostAsJsonAsync("api/v1/account/tokens", new { email = beta.Email, password = Password, days = 0 });
        (await Visitor.ProblemAsync(none)).GetProperty("errors").TryGetProperty("days", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_tokens_last_use_is_recorded_at_most_once_a_minute()
    {
        // The record drops no cache, so the token kept for authentication still says it was never used: the node must
        // remember what it recorded, or every request would write the record again.
        var person = await app.RegisteredAsync(Alpha, "Use Counted");
        var token = (await IssueAsync(Alpha, person.Email, new { name = "Busy client" })).GetProperty("token").GetString()!;
        async Task<DateTimeOffset> LastUsed() => (await List(person.Visitor)).EnumerateArray().Single().GetProperty("lastUsedAt").GetDateTimeOffset();
        (await AsToken(Alpha, token)).Should().Be(HttpStatusCode.OK);
        var first = await LastUsed();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await AsToken(Alpha, token)).Should().Be(HttpStatusCode.OK);
        (await LastUsed()).Should().Be(first, "a use within the minute is not written again");
        app.Clock.Advance(TimeSpan.FromSeconds(90));
        (await AsToken(Alpha, token)).Should().Be(HttpStatusCode.OK);
        (await LastUsed()).Should().BeAfter(first + TimeSpan.FromMinutes(1), "a use a minute later is written");
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        var person = await app.RegisteredAsync(Alpha, "Ex Pires");
        var token = (await IssueAsync(Alpha, person.Email, new { name = "Short", days = 2 })).GetProperty("token").GetString()!;
        (await AsToken(Alpha, token)).Should().Be(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        (await AsToken(Alpha, token)).Should().Be(SignedOut);
        var fresh = await SignInCookieAsync(Alpha, person.Email);
        using var browser = Raw(Alpha);
        browser.DefaultRequestHeaders.Add("Cookie", fresh);
        (await browser.GetFromJsonAsync<JsonElement>("api/v1/account/tokens")).GetArrayLength().Should().Be(0, "an expired token is not listed");
    }

    [Fact]
    public async Task Members_revoke_their_own_tokens_and_no_one_elses()
    {
        var owner = await app.RegisteredAsync(Beta, "Owen Owner");
        var other = await app.RegisteredAsync(Beta, "Otto Other");
        var made = await IssueAsync(Beta, owner.Email, new { name = "Laptop" });
        var id = made.GetProperty("id").GetInt64();
        var token = made.GetProperty("token").GetString()!;

        (await other.Visitor.Http.DeleteAsync($"api/v1/account/tokens/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await AsToken(Beta, token)).Should().Be(HttpStatusCode.OK, "another member cannot revoke it");
        (await Raw(Beta).DeleteAsync($"api/v1/account/tokens/{id}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await owner.Visitor.Http.DeleteAsync($"api/v1/account/tokens/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await AsToken(Beta, token)).Should().Be(SignedOut);
        (await List(owner.Visitor)).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task The_tokens_page_makes_lists_and_revokes_tokens_in_every_theme()
    {
        foreach (var theme in SessionApp.Themes)
        {
            var host = $"{theme}.test";
            var person = await app.RegisteredAsync(host, $"Page {theme}");
            var (status, empty) = await person.Visitor.GetPageAsync("account/tokens");
            status.Should().Be(HttpStatusCode.OK, theme);
            empty.Should().Contain("Sign-ins and tokens").And.Contain("You have no tokens").And.Contain("Sign out everywhere");
            (await person.Visitor.GetPageAsync("/")).Html.Should().Contain("/account/tokens\"", $"the {theme} header links to the page");

            var made = await person.Visitor.SubmitAsync("account/tokens", "account/tokens", new() { ["name"] = "My script", ["days"] = "7" });
            made.StatusCode.Should().Be(HttpStatusCode.OK, theme);
            var page = await made.Content.ReadAsStringAsync();
            var token = System.Text.RegularExpressions.Regex.Match(page, "<code class=\"token\">([^<]+)</code>").Groups[1].Value;
            token.Should().NotBeEmpty($"the {theme} page shows the new token once");
            (await AsToken(host, token)).Should().Be(HttpStatusCode.OK, theme);
            var listed = (await person.Visitor.GetPageAsync("account/tokens")).Html;
            listed.Should().Contain("My script").And.NotContain(token, "the token is shown only on the page that made it");

            var bad = await person.Visitor.SubmitAsync("account/tokens", "account/tokens", new() { ["name"] = new string('x', 61) });
            bad.StatusCode.Should().Be(HttpStatusCode.BadRequest, theme);
            (await bad.Content.ReadAsStringAsync()).Should().Contain("name-error", $"the {theme} page names the field at fault");

            var id = (await List(person.Visitor)).EnumerateArray().Single().GetProperty("id").GetInt64();
            var revoked = await person.Visitor.SubmitAsync("account/tokens", "account/tokens/revoke", new() { ["id"] = id.ToString() });
            revoked.StatusCode.Should().Be(HttpStatusCode.Redirect, theme);
            (await AsToken(host, token)).Should().Be(SignedOut, theme);
        }
        var (visitorStatus, _) = await app.Visit("base.test").GetPageAsync("account/tokens");
        visitorStatus.Should().NotBe(HttpStatusCode.OK, "a visitor who is not signed in has no tokens page");
    }

    [Fact]
    public async Task Tokens_are_stored_as_hashes_only()
    {
        var person = await app.RegisteredAsync(Beta, "Hash Ed");
        var token = (await IssueAsync(Beta, person.Email, new { name = "Hashed" })).GetProperty("token").GetString()!;
        var db = app.Services.GetRequiredService<Engine.Data.Database>();
        await using var c = db.OpenReader();
        var rows = (await c.QueryAsync("SELECT * FROM member_tokens")).Cast<IDictionary<string, object?>>().ToList();
        rows.Should().NotBeEmpty();
        rows.SelectMany(r => r.Values).OfType<string>().Should().NotContain(v => v.Contains(token));
    }

    private async Task ResetPasswordAsync(Person person, string password)
    {
        (await app.Visit(Alpha).SubmitAsync("account/forgot-password", "account/forgot-password", new() { ["email"] = person.Email }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var mail = await app.Smtp.WaitForKindAsync(person.Email, "reset-password");
        var link = new Uri(mail.Link("/account/reset-password"));
        var query = QueryHelpers.ParseQuery(link.Query);
        var reset = await app.Visit(Alpha).SubmitAsync(link.PathAndQuery, "account/reset-password",
            new() { ["member"] = query["member"]!, ["token"] = query["token"]!, ["password"] = password });
        (await reset.Content.ReadAsStringAsync()).Should().Contain("Your password has been changed");
    }

    /// <summary>A client with no cookie jar: it sends only the headers a test gives it.</summary>
    private HttpClient Raw(string host) => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri($"http://{host}/"), AllowAutoRedirect = false, HandleCookies = false,
    });

    /// <summary>
    /// Signs in through the API in a browser of its own (which keeps the cookie), and returns the cookie as a Cookie header too,
    /// as someone copying it would.
    /// </summary>
    private async Task<(Visitor Browser, string Copy)> SignInAsync(string host, string email, string password = Password)
    {
        var browser = app.Visit(host);
        var response = await browser.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (browser, response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".engine.signin=")).Split(';')[0]);
    }

    private async Task<string> SignInCookieAsync(string host, string email, string password = Password) => (await SignInAsync(host, email, password)).Copy;

    private async Task<JsonElement> IssueAsync(string host, string email, object fields)
    {
        using var client = Raw(host);
        var body = JsonSerializer.SerializeToElement(fields).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        body["email"] = email;
        body["password"] = Password;
        var response = await client.PostAsJsonAsync("api/v1/account/tokens", body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string> TokenAsync(string host, string email) =>
        (await IssueAsync(host, email, new { name = "Test client" })).GetProperty("token").GetString()!;

    private static async Task<JsonElement> List(Visitor visitor) => await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/account/tokens");

    private async Task<HttpStatusCode> AsCookie(string host, string cookie)
    {
        using var client = Raw(host);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return (await client.GetAsync(SignedInOnly)).StatusCode;
    }

    private async Task<HttpStatusCode> AsToken(string host, string token)
    {
        using var client = Raw(host);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return (await client.GetAsync(SignedInOnly)).StatusCode;
    }
}
