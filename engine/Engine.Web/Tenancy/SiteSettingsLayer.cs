using Engine.Core.Administration;
using Engine.Core.Tenancy;

namespace Engine.Web.Tenancy;

/// <summary>
/// Lays the settings admins changed at run time over each tenant.json. The effective definition is
/// built once per (file definition, settings change) and kept beside the file's definition, so copies made with it
/// (rule sets, pages) stay valid until something really changes. Every request asks for it, kept pages included:
/// finding it is one lookup by the definition's identity, with no key made and no clock read.
/// </summary>
public sealed class SiteSettingsLayer(ISiteSettingsStore store)
{
    /// <summary>A file definition's effective one, and the settings it was laid with.</summary>
    private sealed record Layered(SiteSettings Settings, TenantDefinition Definition);

    // Keyed by the file's definition object: a new tenant.json is a new object, and the old one's entry goes with it.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<TenantDefinition, Layered> _layered = new();

    private volatile IReadOnlyDictionary<string, SiteSettings> _settings = new Dictionary<string, SiteSettings>();

    /// <summary>Changed only by a new tenant.json or a reload of the settings (<see cref="ReloadAsync"/>), never by a write as such.</summary>
    public async Task LoadAsync(CancellationToken ct = default) => _settings = await store.AllAsync(ct);

    public SiteSettings For(string tenantId) => _settings.TryGetValue(tenantId, out var s) ? s : SiteSettings.None;

    public TenantDefinition Effective(TenantDefinition fromFile)
    {
        var settings = For(fromFile.Id);
        // A reload replaces every settings record, so the same record means the same settings.
        if (_layered.TryGetValue(fromFile, out var layered) && ReferenceEquals(layered.Settings, settings)) return layered.Definition;
        layered = new Layered(settings, settings.Apply(fromFile));
        _layered.AddOrUpdate(fromFile, layered);
        return layered.Definition;
    }

    /// <summary>Called after an admin saved a change: every visitor sees it from the next request.</summary>
    public Task ReloadAsync(CancellationToken ct = default) => LoadAsync(ct);
}
