using System.Threading.Channels;
using Engine.Core.Common;
using Engine.Data;

namespace Engine.Web.Hosting;

/// <summary>
/// With several engine nodes on one PostgreSQL, hears the other nodes' commits (LISTEN/NOTIFY) and
/// brings this node's caches up to date: the database moves the changed tenants' data versions at
/// once (cached pages and idea lists drop), and this reloads the admins' site settings (switches,
/// rules, brand), then moves those tenants' versions again so that no page rendered with the old
/// settings in between is kept. An admin's change on one node shows on the others within a few
/// tens of milliseconds. On SQLite, which has one node, it hears the commands run beside it on the same file instead
/// (tenant import and delete, within about a second).
/// </summary>
public sealed class OtherNodesWatcher(Database db, Tenancy.SiteSettingsLayer settings, DataVersions versions, ILogger<OtherNodesWatcher> logger)
    : BackgroundService
{
    /// <summary>Reloads at most this often while other nodes write steadily (votes), so the settings query stays cheap.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly HashSet<string> _tenants = new(StringComparer.Ordinal);
    private bool _everyTenant;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        db.ChangedOnAnotherNode += Heard;
        try
        {
            await Task.WhenAll(db.WatchOtherNodesAsync(stop), ReloadAsync(stop));
        }
        finally
        {
            db.ChangedOnAnotherNode -= Heard;
        }
    }

    private void Heard(string? tenantId)
    {
        lock (_tenants)
        {
            if (tenantId is null) _everyTenant = true;
            else _tenants.Add(tenantId);
        }
        _pending.Writer.TryWrite(true);
    }

    private async Task ReloadAsync(CancellationToken stop)
    {
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stop))
            {
                _pending.Reader.TryRead(out _);
                string[] tenants;
                bool every;
                lock (_tenants)
                {
                    (tenants, every) = (_tenants.ToArray(), _everyTenant);
                    _tenants.Clear();
                    _everyTenant = false;
                }
                try
                {
                    await settings.ReloadAsync(stop);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Could not reload site settings after another node's change; trying again with the next change");
                }
                if (every) versions.Changed(null);
                foreach (var tenant in tenants) versions.Changed(tenant);
                await Task.Delay(Pause, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
