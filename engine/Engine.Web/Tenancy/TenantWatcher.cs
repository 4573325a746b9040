using Engine.Core.Challenges;
using Engine.Core.Tenancy;
using Engine.Themes;
using Engine.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Engine.Web.Tenancy;

/// <summary>
/// Loads the tenants before the server takes requests, then keeps watching the folder: a tenant
/// added, changed or removed is served (or not) within a second, with no restart. Polling, not
/// FileSystemWatcher, because editors replace files in ways watchers miss and the cost is a few stat calls.
/// </summary>
public sealed class TenantWatcher(
    TenantRegistry registry, IChallengeStore challenges, ThemeEngine themes, Plugins.PluginRules rules,
    IOptions<EngineOptions> options, ILogger<TenantWatcher> logger) : BackgroundService
{
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
        var changed = registry.ScanForChanges();
        if (changed is null) return;
        foreach (var tenant in changed)
        {
            themes.Forget(Path.Combine(tenant.Folder, "overrides"));
            await challenges.SyncAsync(tenant.Id, tenant.Challenges, ct);
            rules.ProblemsFor(tenant); // logs any rule choice that cannot be honoured, naming tenant, rule and setting
        }
    }
}
