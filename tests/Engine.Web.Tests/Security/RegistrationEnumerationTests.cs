using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Engine.Web.Tests.Email;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Security;

/// <summary>
/// Registering cannot be used to find out who has an account: the form and the JSON API answer a taken address exactly as a
/// new one (status, body, headers, cookies, where they send you), make nothing for it, and email its owner instead.
/// </summary>
public sealed class RegistrationEnumerationTests(MailApp app) : IClassFixture<MailApp>
{
    private const string Host = "alpha.test", Password = "correct horse battery", OtherPassword = "another long password";

    [Fact]
    public async Task The_API_answers_a_taken_address_as_a_new_one_and_emails_its_owner_instead()
    {
        var owner = await app.RegisteredAsync(Host, "Olu Owner");
        var fresh = TestEmail.Unique("fresh");

        var taken = await AnswerAsync(await app.Visit(Host).Http.PostAsJsonAsync("api/v1/account/register",
            new { email = owner.Email, password = OtherPassword, displayName = "Ivo Impostor" }));
        var made = await AnswerAsync(await app.Visit(Host).Http.PostAsJsonAsync("api/v1/account/register",
            new { email = fresh, password = OtherPassword, displayName = "Ivo Impostor" }));

        taken.Should().Be(made, "the answer must not tell whether the address already had an account");
        await ThenAsync(owner, fresh);
    }

    [Fact]
    public async Task The_form_answers_a_taken_address_as_a_new_one_and_emails_its_owner_instead()
    {
        var owner = await app.RegisteredAsync(Host, "Orla Owner");
        var fresh = TestEmail.Unique("fresh");

        var taken = await AnswerAsync(await FormAsync(owner.Email));
        var made = await AnswerAsync(await FormAsync(fresh));

        taken.Should().Be(made, "the answer must not tell whether the address already had an account");
        await ThenAsync(owner, fresh);
    }

    private async Task<HttpResponseMessage> FormAsync(string email) =>
        await app.Visit(Host).SubmitAsync("account/register?returnUrl=%2Fchallenges%2Fwaiting-well", "account/register", new()
        {
            ["email"] = email, ["password"] = OtherPassword, ["displayName"] = "Ivo Impostor", ["returnUrl"] = "/challenges/waiting-well",
        });

    /// <summary>The new account works with its password; the owner's account is as it was, and its owner is told by email.</summary>
    private async Task ThenAsync(Person owner, string fresh)
    {
        var mail = await app.Smtp.WaitForKindAsync(owner.Email, "reset-password");
        mail.Subject.Should().Contain("Someone tried to register with your address");
        mail.Body.Should().Contain("No new account was made").And.Contain("/account/reset-password?member=" + owner.Id);
        (await app.Smtp.WaitForKindAsync(fresh, "confirm-email")).Body.Should().Contain("Hello Ivo Impostor,");

        (await SignInAsync(fresh, OtherPassword)).Should().Be(HttpStatusCode.OK, "a new account is usable at once");
        (await SignInAsync(owner.Email, OtherPassword)).Should().Be(HttpStatusCode.Unauthorized, "the taken address keeps its own password");
        (await SignInAsync(owner.Email, Password)).Should().Be(HttpStatusCode.OK);
        var stored = await app.Services.GetRequiredService<IMemberStore>().FindByIdAsync("alpha", owner.Id);
        stored!.DisplayName.Should().Be(owner.Name, "nothing is changed for the taken address");
    }

    private async Task<HttpStatusCode> SignInAsync(string email, string password) =>
        (await app.Visit(Host).Http.PostAsJsonAsync("api/v1/account/signin", new { email, password })).StatusCode;

    /// <summary>
    /// Everything an outsider sees of an answer: status, every header but the date (a cookie by its name and attributes,
    /// its value being random), and the body less the anti-forgery tokens, which differ on every request.
    /// </summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .SelectMany(h => h.Value.Select(v => $"{h.Key}: {(h.Key == "Set-Cookie" ? Regex.Replace(v, "=[^;]*", "=…") : v)}"))
            .Order();
        var body = Regex.Replace(await response.Content.ReadAsStringAsync(), "(name=\"__RequestVerificationToken\"|name=\"csrf-token\")[^>]*>", "");
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n\n{body}";
    }
}
