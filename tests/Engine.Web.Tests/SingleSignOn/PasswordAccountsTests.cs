using System.Net;
using System.Net.Http.Json;

namespace Engine.Web.Tests.SingleSignOn;

/// <summary>A site may sign people in through its providers only: then every password form and API refuses, saying how to sign in.</summary>
public class PasswordAccountsTests(SingleSignOnApp app) : IClassFixture<SingleSignOnApp>
{
    private const string Refusal = "Delta Staff Ideas does not use passwords: sign in with Sign in with NHSmail from the sign-in page instead.";

    [Fact]
    public async Task Without_passwords_the_sign_in_page_offers_only_the_provider()
    {
        using var visitor = app.Visit("delta.test");
        var html = (await visitor.GetPageAsync("/account/signin")).Html;
        html.Should().Contain("Sign in with NHSmail").And.NotContain("type=\"password\"").And.NotContain("action=\"/account/signin\"");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/signin")]
    public async Task Without_passwords_no_page_offers_to_register(string path)
    {
        using var visitor = app.Visit("delta.test");
        var html = (await visitor.GetPageAsync(path)).Html;
        html.Should().Contain("/account/signin").And.NotContain("/account/register");
        using var alpha = app.Visit("alpha.test");
        (await alpha.GetPageAsync(path)).Html.Should().Contain("/account/register", "a site with passwords still offers it");
    }

    [Theory]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/reset-password?member=1&token=x")]
    public async Task Without_passwords_the_password_pages_refuse_saying_how_to_sign_in(string path)
    {
        using var visitor = app.Visit("delta.test");
        var (status, html) = await visitor.GetPageAsync(path);
        status.Should().Be(HttpStatusCode.Forbidden);
        WebUtility.HtmlDecode(html).Should().Contain("This site does not use passwords").And.Contain(Refusal);
    }

    [Fact]
    public async Task Without_passwords_the_password_forms_refuse_saying_how_to_sign_in()
    {
        using var visitor = app.Visit("delta.test");
        // The form's anti-forgery token, as a page with a form would carry it (this site's sign-in page has no password form).
        var token = (await visitor.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("api/v1/antiforgery")).GetProperty("token").GetString()!;
        var answer = await visitor.Http.PostAsync("account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "someone@example.nhs.uk", ["password"] = "correct horse battery", ["__RequestVerificationToken"] = token,
        }));
        answer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()).Should().Contain(Refusal);
    }

    [Theory]
    [InlineData("api/v1/account/register")]
    [InlineData("api/v1/account/signin")]
    [InlineData("api/v1/account/tokens")]
    public async Task Without_passwords_the_account_api_refuses_saying_how_to_sign_in(string path)
    {
        using var visitor = app.Visit("delta.test");
        var answer = await visitor.Http.PostAsJsonAsync(path, new { email = TestEmail.Unique(), password = "correct horse battery", displayName = "Pat Example" });
        answer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Visitor.ProblemAsync(answer)).GetProperty("detail").GetString().Should().Be(Refusal);
    }

    [Fact]
    public async Task An_admin_signed_in_through_the_provider_switches_passwords_on_and_off_again_audited()
    {
        using var admin = app.Visit("delta.test");
        var person = new TestPerson(Guid.NewGuid().ToString("N"), TestEmail.Unique("admin"), "Ade Admin", true, "nhs-admins");
        (await app.SignInAsync(admin, "nhsmail", person)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await admin.UseAntiforgeryHeaderAsync();

        var on = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/sign-in", new { passwords = true });
        on.StatusCode.Should().Be(HttpStatusCode.OK, await on.Content.ReadAsStringAsync());
        using var visitor = app.Visit("delta.test");
        (await visitor.GetPageAsync("/account/signin")).Html.Should().Contain("type=\"password\"");
        (await visitor.Http.PostAsJsonAsync("api/v1/account/register", new { email = TestEmail.Unique(), password = "correct horse battery", displayName = "Pat Example" }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);

        var settings = await admin.SubmitAsync("/admin/settings", "/admin/settings?handler=Passwords", new());
        settings.StatusCode.Should().Be(HttpStatusCode.Redirect, "an unticked box switches password accounts off");
        (await visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email = "x@example.nhs.uk", password = "correct horse battery" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var audit = (await admin.GetPageAsync("/admin/audit")).Html;
        audit.Should().Contain("signIn.passwords").And.Contain("off -&gt; on").And.Contain("on -&gt; off");
    }

    [Fact]
    public async Task Passwords_cannot_be_switched_off_on_a_site_without_a_provider()
    {
        await using var plain = new EngineApp();
        var (admin, _) = await plain.MemberAsync("alpha.test", Engine.Core.Members.Roles.Admin, "Ada Admin");
        var answer = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/sign-in", new { passwords = false });
        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(answer)).GetProperty("errors").GetProperty("passwords")[0].GetString().Should().Contain("nobody could sign in");
        (await plain.Visit("alpha.test").GetPageAsync("/account/signin")).Html.Should().Contain("type=\"password\"");
    }
}
