using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;
using Engine.Web.Tests.SystemAdmin;

namespace Engine.Web.Tests.Security;

/// <summary>
/// Every endpoint that takes a return address (a tenant's sign-in and registration, a vote without script, the
/// system site's sign-in), sent a table of hostile addresses as an attacker's link would carry them: each one
/// lands on the site's home, with nothing but a plain local path in the Location header, and the write the
/// request made (a vote) is kept and followed by the redirect, not by an error.
/// </summary>
public sealed class ReturnAddressTests(SystemAdminTests.App app) : IClassFixture<SystemAdminTests.App>
{
    /// <summary>As they appear in a link's query string: the server reads them percent-decoded.</summary>
    public static readonly TheoryData<string> Hostile = new()
    {
        "/%09/evil.example/", "/%0d/evil.example/", "/%0a/evil.example/", "/%0D%0ALocation:%20http://evil.example/",
        "%09//evil.example/", "/%09%09/evil.example/", "/%C2%85/evil.example/", "/%7F/evil.example/", "/ideas%0d%0aSet-Cookie:%20a=b",
        "//evil.example/", "///evil.example/", "/\\evil.example/", "/%5Cevil.example/", "/%5C/evil.example/", "\\\\evil.example/",
        "%2F%2Fevil.example/", "%20//evil.example/", "http://evil.example/", "https:evil.example", "HTTP://evil.example",
        "javascript:alert(1)", "JaVaScRiPt%3Aalert(1)", "data:text/html,<script>alert(1)</script>", "evil.example", "~/x", "",
    };

    private sealed record Endpoint(string Name, string Host, string FormPage, string Action, string Field, string Home, Func<Dictionary<string, string>> Fields);

    private async Task<List<Endpoint>> EndpointsAsync()
    {
        const string password = "correct horse battery";
        var email = TestEmail.Unique("return");
        using (var registrant = app.Visit("alpha.test")) await registrant.RegisterAsync(email, "Return Tester", password);
        var (author, _) = await app.MemberAsync("alpha.test", Roles.Member, "Return Author");
        var idea = await author.PostIdeaAsync();
        author.Dispose();
        return
        [
            new("sign-in", "alpha.test", "/account/signin", "/account/signin", "returnUrl", "/",
                () => new() { ["email"] = email, ["password"] = password }),
            // Registering signs nobody in: it sends the person to sign in, carrying the return address, which must be home.
            new("registration", "alpha.test", "/account/register", "/account/register", "returnUrl", "/account/signin?registered=true&returnUrl=%2F",
                () => new() { ["email"] = TestEmail.Unique("r"), ["password"] = password, ["displayName"] = "New Person" }),
            new("sign-in under a path prefix", "shared.test", "/gamma/account/signin", "/gamma/account/signin", "returnUrl", "/gamma/",
                () => new() { ["email"] = email, ["password"] = password }),
            new("system sign-in", SystemAdminTests.Host, "/system/signin", "/system/signin", "ReturnUrl", "/system",
                () => new() { ["Email"] = SystemAdminTests.Email, ["Password"] = SystemAdminTests.Password }),
            new($"vote on idea {idea}", "alpha.test", $"/ideas/{idea}", $"/ideas/{idea}/vote", "returnUrl", "/",
                () => new() { ["value"] = "1" }),
        ];
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_return_address_goes_to_the_sites_home_from_every_endpoint_that_takes_one(string link)
    {
        // The gamma tenant is registered under its own prefix; its member signs in there.
        var gammaEmail = TestEmail.Unique("gamma");
        using (var gamma = app.Visit("shared.test"))
        {
            await Visitor.RegisterAndSignInAsync(gamma.Http, gammaEmail, "Gamma Person", prefix: "gamma/");
        }
        var value = WebUtility.UrlDecode(link);
        var failures = new List<string>();
        foreach (var endpoint in await EndpointsAsync())
        {
            using var visitor = endpoint.Name.StartsWith("vote") ? (await VoterAsync()) : app.Visit(endpoint.Host);
            var fields = endpoint.Fields();
            if (endpoint.Host == "shared.test") fields["email"] = gammaEmail;
            fields[endpoint.Field] = value;
            var response = await visitor.SubmitAsync(endpoint.FormPage, endpoint.Action, fields);
            var location = response.Headers.Location?.OriginalString;
            if (response.StatusCode != HttpStatusCode.Redirect || location != endpoint.Home)
                failures.Add($"{endpoint.Name}: {(int)response.StatusCode} to {JsonSerializer.Serialize(location)}, not {endpoint.Home}");
        }
        failures.Should().BeEmpty($"the return address {JsonSerializer.Serialize(value)} (link {link}) must not be followed");
    }

    [Fact]
    public async Task A_vote_whose_return_address_has_a_line_break_is_stored_and_the_voter_is_sent_home_not_shown_an_error()
    {
        var (voter, _) = await app.MemberAsync("alpha.test", Roles.Member, "Line Break Voter");
        var idea = await voter.PostIdeaAsync();
        var response = await voter.SubmitAsync($"/ideas/{idea}", $"/ideas/{idea}/vote", new() { ["value"] = "1", ["returnUrl"] = "/ideas\r\nSet-Cookie: a=b" });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.Should().Be("/");
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
        var stored = await voter.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        stored.GetProperty("up").GetInt32().Should().Be(1, "the vote was stored, and the voter was told so by going on");
    }

    [Theory]
    [InlineData("alpha.test", "/account/signin", "/ideas/7?sort=new#comments", "/ideas/7?sort=new#comments")]
    [InlineData("alpha.test", "/account/signin", "/challenges/waiting-well", "/challenges/waiting-well")]
    [InlineData("alpha.test", "/account/signin", "/search?q=caf%C3%A9 au lait", "/search?q=caf%C3%A9%20au%20lait")]
    [InlineData("alpha.test", "/account/signin", "/search?q=café", "/search?q=caf%C3%A9")]
    [InlineData("shared.test", "/gamma/account/signin", "/gamma/ideas/7", "/gamma/ideas/7")]
    [InlineData("shared.test", "/gamma/account/signin", "/gamma", "/gamma")]
    [InlineData("shared.test", "/gamma/account/signin", "/ideas/7", "/gamma/")]
    [InlineData("shared.test", "/gamma/account/signin", "/gammaville/ideas/7", "/gamma/")]
    [InlineData("shared.test", "/gamma/account/signin", "/delta/ideas/7", "/gamma/")]
    public async Task A_local_return_address_is_followed_only_within_the_site_and_as_a_valid_header(string host, string form, string returnUrl, string location)
    {
        const string password = "correct horse battery";
        var email = TestEmail.Unique("local");
        using var visitor = app.Visit(host);
        var prefix = form[..form.IndexOf("/account", StringComparison.Ordinal)].TrimStart('/');
        await Visitor.RegisterAndSignInAsync(visitor.Http, email, "Local Person", password, prefix.Length > 0 ? prefix + "/" : "");
        using var fresh = app.Visit(host);
        var response = await fresh.SubmitAsync(form, form, new() { ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.Should().Be(location);
    }

    private async Task<Visitor> VoterAsync() => (await app.MemberAsync("alpha.test", Roles.Member, "Return Voter")).Visitor;
}
