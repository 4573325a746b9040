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
    TenantRegistry registry, IChallengeStore challenges, ThemeEngine themes,
    IOptions<EngineOptions> options, ILogger<TenantWatcher> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public async Task StartAsync(CancellationToken ct)
    {
        await ApplyChangesAsync(ct);
        _loop = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stopping.CancelAsync();
        if (_loop is not null) await Task.WhenAny(_loop, Task.Delay(Timeout.Infinite, ct));
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.TenantScanInterval);
        while (!ct.IsCancellationRequested)
        {
            try { await timer.WaitForNextTickAsync(ct); }
            catch (OperationCanceledException) { return; }
            try { await ApplyChangesAsync(ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep serving the tenants we have; the next scan tries again.
                logger.LogError(e, "Scanning the tenants folder {Folder} failed", registry.TenantsFolder);
            }
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
        }
    }

    public void Dispose() => _stopping.Dispose();
}
