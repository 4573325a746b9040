using Engine.Data;

namespace Engine.Web.Hosting;

/// <summary>Brings the schema up to date before anything else starts.</summary>
public sealed class DatabaseMigrator(Database database, Tenancy.SiteSettingsLayer settings, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await Migrations.ApplyAsync(database);
        logger.LogInformation("Database {Database} is at schema version {Version}", database.Describe, Migrations.Latest);
        await settings.LoadAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
