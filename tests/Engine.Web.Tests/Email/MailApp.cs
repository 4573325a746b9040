using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Web.Tests.Email;

/// <summary>
/// The engine sending its email over SMTP to <see cref="Smtp"/>, a listener on loopback, and polling its outbox
/// often. Digests are queued only when a test asks (see Email.EmailDispatcher.QueueDigestsAsync).
/// alpha has a sender and reply-to address in tenant.json; beta uses the engine's default sender, and holds personal data for a moderator.
/// </summary>
public class MailApp : EngineApp
{
    public SmtpListener Smtp { get; } = new();
    /// <summary>Stands still at the time the app was made: a digest falls due, a retry's wait passes or a token expires when the test moves it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    /// <summary>Whether this engine drains its outbox (the restart test starts one that does not).</summary>
    public bool Sends { get; init; } = true;
    /// <summary>Another app's data folder, to start a second engine on the same database.</summary>
    public string? SharedDataPath { get; init; }
    /// <summary>In the PostgreSQL run, another app's database, for the same reason (a data folder holds no PostgreSQL data).</summary>
    public string? SharedPostgres { get; init; }

    public MailApp()
    {
        var alpha = Tenant("alpha", "Alpha Health Ideas", ["alpha.test"], anonymous: true, downVotes: false);
        alpha["email"] = new { from = "Alpha Health Ideas <ideas@alpha.test>", replyTo = "team@alpha.test" };
        WriteTenant("alpha", alpha);
        // beta holds anything with personal data in it for a moderator.
        var beta = Tenant("beta", "Beta Care Voices", ["beta.test"], anonymous: true, downVotes: true);
        beta["rules"] = new { moderation = new[] { new { rule = "personal-data" } } };
        WriteTenant("beta", beta);
    }

    public string DataFolder => SharedDataPath ?? DataPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Engine:DataPath", DataFolder);
        if (SharedPostgres is not null) builder.UseSetting("Engine:Storage:Postgres", SharedPostgres);
        builder.UseSetting("Engine:Email:Delivery", "Smtp");
        builder.UseSetting("Engine:Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Engine:Email:SmtpPort", Smtp.Port.ToString());
        builder.UseSetting("Engine:Email:LinkScheme", "http");
        builder.UseSetting("Engine:Email:Send", Sends ? "true" : "false");
        builder.UseSetting("Engine:Email:PollInterval", "00:00:00.050");
        builder.UseSetting("Engine:Email:FirstRetryDelay", "00:00:00.200");
        builder.UseSetting("Engine:Email:DigestCheckInterval", "365.00:00:00");
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
