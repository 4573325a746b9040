using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Security;

/// <summary>
/// Nobody learns from the sign-in forms or the JSON API whether an address has an account here, or whether that account is
/// locked or blocked, unless they know its password: every such refusal reads the same as for an address with no account.
/// </summary>
public sealed class EnumerationTests(EngineApp app) : IClassFixture<EngineApp>
{
    private const string Host = "alpha.test", Password = "correct horse battery";

    [Fact]
    public async Task Sign_in_answers_the_same_for_no_account_a_wrong_password_a_locked_account_and_a_blocked_one()
    {
        var unknown = TestEmail.Unique("nobody");
        var wrongPassword = await RegisteredAsync();
        var locked = await RegisteredAsync();
        for (var i = 0; i < 5; i++) await ApiSignInAsync(locked, "wrong password");
        var blocked = await RegisteredAsync();
        var (moderator, _) = await app.MemberAsync(Host, Roles.Moderator, "Mo Derator");
        var signedIn = await app.Visit(Host).Http.PostAsJsonAsync("api/v1/account/signin", new { email = blocked, password = Password });
        var blockedId = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{blockedId}/block", new { reason = "Abuse" })).EnsureSuccessStatusCode();

        var (status, expected) = await ApiSignInAsync(unknown, "any password at all");
        status.Should().Be(HttpStatusCode.Unauthorized);
        var expectedPage = await PageSignInAsync(unknown, "any password at all");
        foreach (var (email, password, what) in new[]
                 {
                     (wrongPassword, "wrong password", "a wrong password"),
                     (locked, "wrong password", "a locked account, wrong password"),
                     (locked, Password, "a locked account, right password"),
                     (blocked, "wrong password", "a blocked account, wrong password"),
                 })
        {
            (await ApiSignInAsync(email, password)).Should().Be((HttpStatusCode.Unauthorized, expected), $"the API answers {what} as for no account");
            (await PageSignInAsync(email, password)).Should().Be(expectedPage, $"the sign-in form answers {what} as for no account");
        }
        // Whoever knows the password of a blocked account is its owner, and is told why.
        (await ApiSignInAsync(blocked, Password)).Detail.Should().Contain("blocked");
    }

    private async Task<string> RegisteredAsync()
    {
        var email = TestEmail.Unique("m");
        using var visitor = app.Visit(Host);
        await visitor.RegisterAsync(email);
        return email;
    }

    private async Task<(HttpStatusCode Status, string Detail)> ApiSignInAsync(string email, string password)
    {
        using var visitor = app.Visit(Host);
        var response = await visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.TryGetProperty("detail", out var detail) ? detail.GetString()! : body.ToString());
    }

    /// <summary>The sign-in form's answer, less what differs on every request (the anti-forgery token, the address typed in).</summary>
    private async Task<(HttpStatusCode, string)> PageSignInAsync(string email, string password)
    {
        using var visitor = app.Visit(Host);
        var response = await visitor.SubmitAsync("account/signin", "account/signin", new() { ["email"] = email, ["password"] = password });
        var html = await response.Content.ReadAsStringAsync();
        html = System.Text.RegularExpressions.Regex.Replace(html, "(name=\"__RequestVerificationToken\"|name=\"csrf-token\")[^>]*>", "");
        return (response.StatusCode, html.Replace(email, "EMAIL"));
    }
}
