using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Email;

/// <summary>A member as a test sees them: their browser, id and mailbox address.</summary>
public sealed record Person(Visitor Visitor, long Id, string Email, string Name);

public static class Mailboxes
{
    /// <summary>Registers, then confirms the address through the link in the confirmation email, as a person would.</summary>
    public static async Task<Person> ConfirmedAsync(this MailApp app, string host, string name, string? role = null)
    {
        var person = await app.RegisteredAsync(host, name, role);
        var mail = await app.Smtp.WaitForKindAsync(person.Email, "confirm-email");
        var link = new Uri(mail.Link("/account/confirm-email"));
        var query = QueryHelpers.ParseQuery(link.Query);
        var confirmed = await person.Visitor.SubmitAsync(link.PathAndQuery, "account/confirm-email",
            new() { ["member"] = query["member"]!, ["token"] = query["token"]! });
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        return person;
    }

    public static async Task<Person> RegisteredAsync(this MailApp app, string host, string name, string? role = null)
    {
        var visitor = app.Visit(host);
        var email = TestEmail.Unique(name.Split(' ')[0]);
        var id = await visitor.RegisterAsync(email, role is null ? name : "Staff to be");
        if (role is not null) await app.GrantAsync(host.Split('.')[0], id, role, name);
        return new Person(visitor, id, email, name);
    }

    public static async Task<long> CommentAsync(this Person person, long ideaId, string body, bool anonymous = false, long? parentId = null, bool official = false)
    {
        var response = await person.Visitor.Http.PostAsJsonAsync($"api/v1/ideas/{ideaId}/comments", new { body, anonymous, parentId, official });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
    }

    public static async Task FollowIdeaAsync(this Person person, long ideaId)
    {
        var response = await person.Visitor.Http.PutAsync($"api/v1/ideas/{ideaId}/follow", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task SetStatusAsync(this Person manager, long ideaId, string status, string? note = null)
    {
        var response = await manager.Visitor.Http.PutAsJsonAsync($"api/v1/admin/ideas/{ideaId}/status", new { status, note });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Everything a recipient could read: headers and the decoded parts, text and HTML.</summary>
    public static string Readable(this ReceivedEmail mail) => string.Join("\n", mail.Headers.Select(h => $"{h.Key}: {h.Value}")) + "\n\n" + mail.Body + "\n\n" + mail.Html;
}
