using System.Collections.Concurrent;
using Engine.Core.Administration;
using Engine.Core.Tenancy;

namespace Engine.Web.Tenancy;

/// <summary>
/// Lays the settings admins changed at run time over each tenant.json. The effective definition is
/// built once per (file definition, settings change) and reused, so caches keyed on it (rule sets)
/// stay valid until something really changes.
/// </summary>
public sealed class SiteSettingsLayer(ISiteSettingsStore store)
{
    private volatile IReadOnlyDictionary<string, SiteSettings> _settings = new Dictionary<string, SiteSettings>();
    private readonly ConcurrentDictionary<string, (TenantDefinition File, SiteSettings Settings, TenantDefinition Effective)> _effective = new();

    public async Task LoadAsync(CancellationToken ct = default) => _settings = await store.AllAsync(ct);

    public SiteSettings For(string tenantId) => _settings.TryGetValue(tenantId, out var s) ? s : SiteSettings.None;

    public TenantDefinition Effective(TenantDefinition fromFile)
    {
        var settings = For(fromFile.Id);
        if (_effective.TryGetValue(fromFile.Id, out var cached) && ReferenceEquals(cached.File, fromFile) && ReferenceEquals(cached.Settings, settings))
            return cached.Effective;
        var effective = settings.Apply(fromFile);
        _effective[fromFile.Id] = (fromFile, settings, effective);
        return effective;
    }

    /// <summary>Called after an admin saved a change: every visitor sees it from the next request.</summary>
    public Task ReloadAsync(CancellationToken ct = default) => LoadAsync(ct);
}
