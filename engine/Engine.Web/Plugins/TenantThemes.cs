using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Engine.Core.Tenancy;
using Engine.Plugins.Loading;
using Engine.Plugins.Manifest;
using Engine.Themes;

namespace Engine.Web.Plugins;

/// <summary>
/// A tenant's compiled theme: its theme chain with its overrides, and the outlets of the plugins whose rules it uses
/// (the site's and its challenges'), so a plugin shapes the sites that chose it and no other.
/// </summary>
public sealed class TenantThemes(ThemeEngine themes, PluginCatalog catalog, ILogger<TenantThemes> logger)
{
    private sealed record Outlets(int Generation, IReadOnlyList<ThemeOutlet> All, string Key, string OverridesFolder);

    // Worked out once per tenant definition (a changed tenant.json or rule is a new one) and plugin generation, not per page.
    private readonly ConditionalWeakTable<TenantDefinition, Outlets> _byTenant = new();
    private readonly ConcurrentDictionary<(string Folder, int Generation), IReadOnlyList<ThemeOutlet>> _byPlugin = new();

    public ThemeResult For(TenantDefinition tenant)
    {
        var outlets = Of(tenant);
        return themes.Get(tenant.Theme, outlets.OverridesFolder, outlets.All, outlets.Key);
    }

    /// <summary>The plugins' outlets the tenant's rules bring, by plugin id.</summary>
    public IReadOnlyList<ThemeOutlet> OutletsOf(TenantDefinition tenant) => Of(tenant).All;

    private Outlets Of(TenantDefinition tenant)
    {
        var generation = catalog.Generation;
        if (_byTenant.TryGetValue(tenant, out var known) && known.Generation == generation) return known;
        var all = Choices(tenant)
            .Select(c => catalog.Find(c.Kind, c.Rule)?.Plugin)
            .OfType<LoadedPlugin>()
            .DistinctBy(p => p.Manifest.Id)
            .OrderBy(p => p.Manifest.Id, StringComparer.Ordinal)
            .SelectMany(p => InFolder(p, generation))
            .ToList();
        var outlets = new Outlets(generation, all, ThemeEngine.OutletsKey(all), Path.Combine(tenant.Folder, "overrides"));
        _byTenant.AddOrUpdate(tenant, outlets);
        return outlets;
    }

    private IReadOnlyList<ThemeOutlet> InFolder(LoadedPlugin plugin, int generation) => _byPlugin.GetOrAdd((plugin.Folder, generation), _ =>
    {
        try { return ThemeOutlet.InFolder(plugin.Manifest.Id, plugin.Folder); }
        catch (ThemeException e)
        {
            logger.LogError("Plugin {PluginId}'s outlets are not used: {File}: {Message}", plugin.Manifest.Id, e.File, e.Message);
            return [];
        }
    });

    private static IEnumerable<(RuleKind Kind, string Rule)> Choices(TenantDefinition tenant)
    {
        foreach (var rules in tenant.Challenges.Select(c => c.Rules).Prepend(tenant.Rules).OfType<RuleChoices>())
        {
            if (rules.Voting is { } voting) yield return (RuleKind.Voting, voting.Rule);
            foreach (var moderation in rules.Moderation ?? []) yield return (RuleKind.Moderation, moderation.Rule);
            if (rules.Anonymity is { } anonymity) yield return (RuleKind.Anonymity, anonymity.Rule);
            foreach (var handler in rules.Events ?? []) yield return (RuleKind.Events, handler.Rule);
        }
    }
}
