using Engine.Core.Challenges;
using Engine.Core.Tenancy;
using Engine.Data;
using Engine.Themes;
using Engine.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Engine.Web.Tenancy;

/// <summary>
/// Loads the tenants before the server takes requests, then keeps watching the folder: a tenant
/// added, changed or removed is served (or not) within a second, with no restart. Polling, not
/// FileSystemWatcher, because editors replace files in ways watchers miss and the cost is a few stat calls.
/// A store that cannot write (a read-only disk, PostgreSQL away) does not stop the engine starting: the sites
/// serve what is stored, and their challenges are stored on a later scan, once it can write again.
/// </summary>
public sealed class TenantWatcher(
    TenantRegistry registry, IChallengeStore challenges, ThemeEngine themes, Plugins.PluginRules rules,
    StorageHealth storage, IOptions<EngineOptions> options, ILogger<TenantWatcher> logger) : BackgroundService
{
    // Loaded tenants whose challenges are not in the store yet, by id. Only the start and then the scan loop touch it.
    private readonly Dictionary<string, TenantDefinition> _unstored = new(StringComparer.Ordinal);

    /// <summary>The first load happens before the server takes requests; only the watching runs in the background.</summary>
    public override async Task StartAsync(CancellationToken ct)
    {
        await ApplyChangesAsync(ct);
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.TenantScanInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try { await ApplyChangesAsync(ct); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Keep serving the tenants we have; the next scan applies every tenant again.
                    registry.ForgetStamps();
                    logger.LogError(e, "Applying changes in the tenants folder {Folder} failed; retrying on the next scan", registry.TenantsFolder);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ApplyChangesAsync(CancellationToken ct)
    {
        themes.ForgetIfChanged();
        foreach (var tenant in registry.ScanForChanges() ?? [])
        {
            themes.Forget(Path.Combine(tenant.Folder, "overrides"));
            rules.ProblemsFor(tenant); // logs any rule choice that cannot be honoured, naming tenant, rule and setting
            _unstored[tenant.Id] = tenant;
        }
        foreach (var tenant in _unstored.Values.ToList())
        {
            try
            {
                await challenges.SyncAsync(tenant.Id, tenant.Challenges, ct);
                _unstored.Remove(tenant.Id);
            }
            catch (Exception e) when (DbErrors.IsStorageUnavailable(e))
            {
                // Reported once per outage (StorageHealth); tried again on every scan until the store writes.
                storage.CouldNotStore(e, $"storing the challenges of tenant {tenant.Id}");
                return;
            }
        }
    }
}
