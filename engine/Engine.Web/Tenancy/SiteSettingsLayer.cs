using Engine.Core.Administration;
using Engine.Core.Caching;
using Engine.Core.Tenancy;

namespace Engine.Web.Tenancy;

/// <summary>
/// Lays the settings admins changed at run time over each tenant.json. The effective definition is
/// built once per (file definition, settings change) and kept in the <see cref="EngineCache"/>, so copies made with it
/// (rule sets, pages) stay valid until something really changes.
/// </summary>
public sealed class SiteSettingsLayer(ISiteSettingsStore store, EngineCache cache)
{
    private volatile IReadOnlyDictionary<string, SiteSettings> _settings = new Dictionary<string, SiteSettings>();

    /// <summary>Changed only by a new tenant.json or a reload of the settings (<see cref="ReloadAsync"/>), never by a write as such.</summary>
    private sealed record EffectiveDefinition(string TenantId) : CacheKey<TenantDefinition>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.NoWrite;
    }

    public async Task LoadAsync(CancellationToken ct = default) => _settings = await store.AllAsync(ct);

    public SiteSettings For(string tenantId) => _settings.TryGetValue(tenantId, out var s) ? s : SiteSettings.None;

    public TenantDefinition Effective(TenantDefinition fromFile)
    {
        var settings = For(fromFile.Id);
        return cache.Get(new EffectiveDefinition(fromFile.Id), () => settings.Apply(fromFile), madeWith: (fromFile, settings));
    }

    /// <summary>Called after an admin saved a change: every visitor sees it from the next request.</summary>
    public Task ReloadAsync(CancellationToken ct = default) => LoadAsync(ct);
}
