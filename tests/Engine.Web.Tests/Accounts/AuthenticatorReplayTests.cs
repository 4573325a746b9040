using System.Net;
using System.Net.Http.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Accounts;

/// <summary>
/// Each authenticator code works once (RFC 6238, 5.2), on an engine whose clock the test moves: a code someone saw used is
/// refused inside its own half minute, at the sign-in's code step and at the API's one-request sign-in alike, and so is an
/// older one; the app's next code works.
/// </summary>
public sealed class AuthenticatorReplayTests
{
    private const string Password = "correct horse battery";

    /// <summary>The password, then the code on the sign-in's second page.</summary>
    private static async Task<HttpResponseMessage> CodeStepAsync(Visitor browser, string email, string code)
    {
        (await browser.SubmitAsync("/account/signin", "account/signin", new() { ["email"] = email, ["password"] = Password, ["returnUrl"] = "/" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        return await browser.SubmitAsync("/account/signin/code", "account/signin/code", new() { ["code"] = code, ["returnUrl"] = "/" });
    }

    [Fact]
    public async Task A_code_already_used_is_refused_the_second_time_inside_its_window_at_the_code_step_and_at_the_API_sign_in()
    {
        await using var app = new ClockedEngineApp();
        string Code(string key, int stepsFromNow = 0) => TestAuthenticatorApp.Code(key, app.Clock.GetUtcNow(), stepsFromNow);
        var email = TestEmail.Unique("replay");
        var (member, _) = await app.MemberAsync("alpha.test", Roles.Member, "Ray Play", email);
        var key = await TwoFactorTests.StartAsync(member);
        var enrolCode = Code(key);
        (await member.SubmitAsync("/account/two-factor", "account/two-factor/enable", new() { ["code"] = enrolCode })).StatusCode.Should().Be(HttpStatusCode.OK);

        using var eavesdropper = app.Visit("alpha.test");
        (await CodeStepAsync(eavesdropper, email, enrolCode)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the code that enrolled was used");
        (await eavesdropper.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.Redirect);

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var next = Code(key);
        using var browser = app.Visit("alpha.test");
        (await CodeStepAsync(browser, email, next)).StatusCode.Should().Be(HttpStatusCode.Redirect, "the app's next code signs in");
        (await browser.GetPageAsync("/account/tokens")).Status.Should().Be(HttpStatusCode.OK);

        using var replayer = app.Visit("alpha.test");
        (await CodeStepAsync(replayer, email, next)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the same code, in the same half minute");
        var api = await replayer.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = Password, code = next });
        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the API takes each code once too");
        (await replayer.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = Password, code = Code(key, stepsFromNow: -1) }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a code older than one used is refused, though still inside the drift the engine allows");

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var signedIn = await replayer.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = Password, code = Code(key) });
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK, await signedIn.Content.ReadAsStringAsync());
    }
}
