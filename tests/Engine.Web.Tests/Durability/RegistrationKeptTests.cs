using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace Engine.Web.Tests.Durability;

/// <summary>
/// The account is written before its email is queued: when the outbox cannot take the email, the account is kept and the
/// answer says so (the usual "check your email", never "Nothing was saved"); the person signs in with their password.
/// </summary>
[Trait("Store", "Sqlite")] // the outbox is made to refuse writes with a SQLite trigger
public sealed class RegistrationKeptTests(EngineApp app) : IClassFixture<EngineApp>
{
    private const string Host = "alpha.test", Password = "correct horse battery";

    [Fact]
    public async Task An_account_whose_email_cannot_be_queued_is_kept_and_the_answer_says_nothing_else()
    {
        var owner = TestEmail.Unique("owner");
        using (var first = app.Visit(Host)) await first.RegisterAsync(owner);
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(app.DataPath, "engine.db")}"))
        {
            await db.OpenAsync();
            await using var trigger = db.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER outbox_refuses BEFORE INSERT ON email_outbox BEGIN SELECT RAISE(ABORT, 'the outbox cannot be written'); END;";
            await trigger.ExecuteNonQueryAsync();
        }

        var viaApi = TestEmail.Unique("api");
        using (var visitor = app.Visit(Host))
        {
            var response = await visitor.Http.PostAsJsonAsync("api/v1/account/register", new { email = viaApi, password = Password, displayName = "Kept Api" });
            response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
            var taken = await visitor.Http.PostAsJsonAsync("api/v1/account/register", new { email = owner, password = Password, displayName = "Kept Api" });
            taken.StatusCode.Should().Be(HttpStatusCode.Accepted, "a taken address is answered alike, even when its owner's email cannot be queued");
        }
        var viaForm = TestEmail.Unique("form");
        using (var visitor = app.Visit(Host))
        {
            var response = await visitor.SubmitAsync("account/register", "account/register",
                new() { ["email"] = viaForm, ["password"] = Password, ["displayName"] = "Kept Form" });
            var html = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, html);
            html.Should().NotContain("Nothing was saved");
        }

        foreach (var email in new[] { viaApi, viaForm })
            (await app.Visit(Host).Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = Password }))
                .StatusCode.Should().Be(HttpStatusCode.OK, $"the account of {email} was kept");
    }
}
