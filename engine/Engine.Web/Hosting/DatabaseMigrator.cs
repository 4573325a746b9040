using Engine.Data;
using Microsoft.Extensions.Options;

namespace Engine.Web.Hosting;

/// <summary>
/// Brings the schema up to date before anything else starts, or, with Engine:Storage:MigrateOnStart off, refuses to start
/// on a schema other than this release's (run the migrate command first).
/// </summary>
public sealed class DatabaseMigrator(Database database, Tenancy.SiteSettingsLayer settings, IOptions<EngineOptions> options, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (options.Value.Storage.MigrateOnStart) await Migrations.ApplyAsync(database);
        else if (await Migrations.VersionAsync(database) is var version && version != Migrations.Latest)
            throw new InvalidOperationException(StoreCommands.NotMigrated(database, version));
        logger.LogInformation("Database {Database} is at schema version {Version}", database.Describe, Migrations.Latest);
        await settings.LoadAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
