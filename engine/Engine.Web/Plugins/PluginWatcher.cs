using Engine.Plugins.Loading;
using Engine.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Engine.Web.Plugins;

/// <summary>
/// Loads the plugins before tenants and requests need them. With hot reload on (Development),
/// keeps checking the plugins folder: a plugin whose files changed is swapped in once its files
/// have stopped changing (a short debounce, so a half-copied build is not loaded) and the old
/// context unloads.
/// </summary>
public sealed class PluginWatcher(PluginCatalog catalog, Engine.Themes.ThemeEngine themes, IOptions<EngineOptions> options, ILogger<PluginWatcher> logger)
    : BackgroundService
{
    public override Task StartAsync(CancellationToken ct)
    {
        catalog.Refresh();
        if (catalog.Plugins.Count == 0 && catalog.Problems.Count == 0)
            logger.LogWarning("No plugins found in {Folder}: sites use the built-in rules. Build the solution to build the shipped plugins.", catalog.PluginsFolder);
        return options.Value.PluginHotReload ? base.StartAsync(ct) : Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.PluginScanInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (!catalog.HasChanges()) continue;
                await Task.Delay(options.Value.PluginScanInterval, ct); // debounce: let the copy finish
                // A plugin's outlets are compiled into the themes of the tenants using it: a changed plugin compiles them again.
                try { if (catalog.Refresh()) themes.ForgetAll(); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Reloading plugins from {Folder} failed", catalog.PluginsFolder);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
