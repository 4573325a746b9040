using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Email;

/// <summary>The outbox keeps email through a restart and a relay's refusal, and the embedded default writes readable files.</summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task An_email_queued_before_a_restart_is_delivered_exactly_once_by_the_next_engine()
    {
        // Both engines use this data folder, as a restarted process would.
        var dataPath = Path.Combine(Path.GetTempPath(), "engine-web-tests", "restart-" + Guid.NewGuid().ToString("N"));
        // On PostgreSQL the data is not in the folder: both engines are pointed at one database of the test's own.
        var database = Engine.Tests.Shared.TestPostgres.IsTheStore ? await Engine.Tests.Shared.TestPostgres.CreateDatabaseAsync() : null;
        try
        {
            string email;
            await using (var first = new MailApp { Sends = false, SharedDataPath = dataPath, SharedPostgres = database })
            {
                email = (await first.RegisteredAsync("alpha.test", "Rae Restart")).Email;
                (await first.Services.GetRequiredService<Core.Email.IEmailStore>().PendingCountAsync("alpha"))
                    .Should().Be(1, "the confirmation email waits in the outbox, unsent");
                await Task.Delay(300);
                first.Smtp.Received.Should().BeEmpty();
            }

            await using var second = new MailApp { SharedDataPath = dataPath, SharedPostgres = database };
            _ = second.Server; // starts the engine: its sender drains what the first one left
            var delivered = await second.Smtp.WaitForAsync(email);
            delivered.Should().ContainSingle().Which.Subject.Should().Be("Confirm your email address for Alpha Health Ideas");
            await Task.Delay(1000);
            second.Smtp.To(email).Should().HaveCount(1);
            (await second.Services.GetRequiredService<Core.Email.IEmailStore>().PendingCountAsync("alpha")).Should().Be(0);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (database is not null) await Engine.Tests.Shared.TestPostgres.DropDatabaseAsync(database);
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task An_email_the_relay_refuses_once_is_tried_again_after_a_wait_and_delivered()
    {
        await using var app = new MailApp();
        _ = app.Server;
        app.Smtp.RefuseNext(1);
        var person = await app.RegisteredAsync("alpha.test", "Rita Retry");
        await using var c = app.Services.GetRequiredService<Engine.Data.Database>().OpenReader();
        // The clock stands still, so the retry falls due when the test moves it past the first wait, once the refusal is recorded.
        var until = DateTime.UtcNow.AddSeconds(20);
        while (await c.ExecuteScalarAsync<string?>("SELECT last_error FROM email_outbox WHERE tenant_id = 'alpha' AND to_address = @email",
            new { email = person.Email }) is null && DateTime.UtcNow < until) await Task.Delay(50);
        app.Clock.Advance(TimeSpan.FromMilliseconds(200));

        var mail = await app.Smtp.WaitForKindAsync(person.Email, "confirm-email");
        app.Smtp.Refused.Should().Be(1);
        mail.Subject.Should().Be("Confirm your email address for Alpha Health Ideas");
        await Task.Delay(300);
        app.Smtp.To(person.Email).Should().HaveCount(1);
        var row = await c.QuerySingleAsync<(long Attempts, long? SentAt, string? LastError)>(
            "SELECT attempts, sent_at, last_error FROM email_outbox WHERE tenant_id = 'alpha' AND to_address = @email", new { email = person.Email });
        row.Attempts.Should().Be(2);
        row.SentAt.Should().NotBeNull();
        row.LastError.Should().BeNull();
    }

    [Fact]
    public async Task An_email_the_relay_keeps_refusing_is_given_up_after_the_last_attempt()
    {
        await using var app = new RefusingApp();
        _ = app.Server;
        app.Smtp.RefuseNext(1000);
        var person = await app.RegisteredAsync("alpha.test", "Gus Giveup");
        await using var c = app.Services.GetRequiredService<Engine.Data.Database>().OpenReader();
        var until = DateTime.UtcNow.AddSeconds(20);
        (long Attempts, long? FailedAt, string? LastError) row;
        do
        {
            await Task.Delay(100);
            app.Clock.Advance(TimeSpan.FromSeconds(1)); // past every wait between attempts (50 ms, then 100 ms)
            row = await c.QuerySingleAsync<(long, long?, string?)>(
                "SELECT attempts, failed_at, last_error FROM email_outbox WHERE tenant_id = 'alpha' AND to_address = @email", new { email = person.Email });
        } while (row.FailedAt is null && DateTime.UtcNow < until);
        row.Attempts.Should().Be(3);
        row.FailedAt.Should().NotBeNull();
        row.LastError.Should().Contain("Try again later");
        app.Smtp.To(person.Email).Should().BeEmpty();
    }

    private sealed class RefusingApp : MailApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:Email:MaxAttempts", "3");
            builder.UseSetting("Engine:Email:FirstRetryDelay", "00:00:00.050");
        }
    }

    [Fact]
    public async Task By_default_each_email_is_written_as_a_readable_eml_file_in_the_data_folder_with_a_text_and_an_html_part()
    {
        await using var app = new FolderApp();
        var person = await app.Visit("alpha.test").RegisterAsync(TestEmail.Unique("elle"), "Elle Eml");
        var folder = Path.Combine(app.DataPath, "email", "alpha");
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!(Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Length > 0) && DateTime.UtcNow < until) await Task.Delay(100);

        var file = Directory.GetFiles(folder, "*.eml").Should().ContainSingle().Subject;
        var text = await File.ReadAllTextAsync(file);
        text.Should().Contain("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
            .And.Contain("Content-Transfer-Encoding: 8bit")
            .And.Contain("Hello Elle Eml,")
            .And.Contain("Please confirm that this is your email address, so that Alpha Health Ideas can send you replies")
            .And.Contain("http://alpha.test/account/confirm-email?member=");
        // Both parts, the plain text first: mail clients show the last one they can.
        text.Should().Contain("Content-Type: multipart/alternative");
        var plain = text.IndexOf("Content-Type: text/plain", StringComparison.Ordinal);
        var html = text.IndexOf("Content-Type: text/html", StringComparison.Ordinal);
        plain.Should().BePositive();
        html.Should().BeGreaterThan(plain);
        text[html..].Should().Contain("<html lang=\"en-GB\">").And.Contain("<p>Hello Elle Eml,</p>")
            .And.Contain("<a href=\"http://alpha.test/account/confirm-email?member&#x3D;");
        Directory.Exists(Path.Combine(app.DataPath, "email", "beta")).Should().BeFalse("each site's emails have their own folder");
    }

    [Fact]
    public void An_email_queued_before_emails_had_an_html_part_goes_as_plain_text_and_a_themed_one_as_text_then_html()
    {
        var queued = new Core.Email.QueuedEmail("alpha", 1, Core.Email.EmailKind.Reply, 1, "Alpha <ideas@alpha.test>", null, "pat@example.nhs.uk", "Pat",
            "Subject", "Hello Pat,", null, 0, DateTimeOffset.UnixEpoch);

        using (var old = Engine.Web.Email.SmtpEmailTransport.Build(queued, eightBit: true))
        {
            old.AlternateViews.Should().BeEmpty();
            old.Body.Should().Be("Hello Pat,");
        }
        using var themed = Engine.Web.Email.SmtpEmailTransport.Build(queued with { Html = "<p>Hello Pat,</p>" }, eightBit: true);
        themed.Body.Should().Be("Hello Pat,");
        themed.IsBodyHtml.Should().BeFalse();
        themed.AlternateViews.Should().ContainSingle().Which.ContentType.MediaType.Should().Be("text/html");
    }

    private sealed class FolderApp : EngineApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:Email:PollInterval", "00:00:00.050");
            builder.UseSetting("Engine:Email:LinkScheme", "http");
        }
    }
}
