using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Email;

/// <summary>A clock that runs with real time, moved forward by hand: digests fall due, while retries' short waits still pass.</summary>
public sealed class ShiftingClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + Offset;
}

/// <summary>
/// The engine sending its email over SMTP to <see cref="Smtp"/>, a listener on loopback, and polling its outbox
/// often. Digests are queued only when a test asks (see Email.EmailDispatcher.QueueDigestsAsync).
/// alpha has a sender and reply-to address in tenant.json; beta uses the engine's default sender, and holds personal data for a moderator.
/// </summary>
public class MailApp : EngineApp
{
    public SmtpListener Smtp { get; } = new();
    public ShiftingClock Clock { get; } = new();
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
