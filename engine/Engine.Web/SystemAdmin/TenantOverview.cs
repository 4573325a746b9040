using Engine.Core.Tenancy;
using Engine.Plugins.Loading;
using Engine.Plugins.Manifest;
using Engine.Plugins.Rules;
using Engine.Themes;
using Engine.Web.Plugins;
using Engine.Web.Tenancy;

namespace Engine.Web.SystemAdmin;

public enum TenantHealth { Serving, ServingWithProblems, Offline, Broken }

/// <summary>One tenant as the system administrator sees it: where it is served, and everything wrong with it.</summary>
public sealed record TenantStatus(
    string Id, string Name, TenantHealth Health, IReadOnlyList<string> Addresses, string? Theme, IReadOnlyList<string> Problems);

/// <summary>
/// Every tenant's state, read from what the engine is actually doing: the tenant table (a bad
/// tenant.json takes only its tenant offline), the compiled theme (a bad theme falls back to base),
/// the rule choices (a rule that cannot be honoured fails safe), plugin failures since start-up and the rules switched
/// off for the tenant after failing repeatedly.
/// </summary>
public sealed class TenantOverview(TenantRegistry registry, SiteSettingsLayer settings, Plugins.TenantThemes themes, PluginRules rules,
    PluginCatalog catalog, RuleContainment containment)
{
    public IReadOnlyList<TenantStatus> All()
    {
        var table = registry.Current;
        var served = table.Tenants.Select(t => Status(settings.Effective(t)));
        var broken = table.Problems.Select(p => new TenantStatus(p.TenantId, p.TenantId, TenantHealth.Broken, [], null, [p.ToString()]));
        return served.Concat(broken).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    public TenantStatus? Find(string tenantId) => All().FirstOrDefault(s => s.Id == tenantId);

    /// <summary>One served tenant's state, as its own admins see it on their dashboard.</summary>
    public TenantStatus For(TenantDefinition effective) => Status(effective);

    /// <summary>Problems with the plugins themselves (bad plugin.json, wrong engine version): they affect every tenant using them.</summary>
    public IReadOnlyList<PluginProblem> PluginProblems => catalog.Problems;

    public IReadOnlyList<PluginFailures> PluginFailures => containment.Failures;

    public IReadOnlyList<LoadedPlugin> Plugins => catalog.Plugins;

    private TenantStatus Status(TenantDefinition tenant)
    {
        var problems = new List<string>();
        var theme = themes.For(tenant);
        problems.AddRange(theme.Issues.Select(i => $"theme '{tenant.Theme}' is not served, so the site uses '{ThemeEngine.FallbackTheme}': {i}"));
        problems.AddRange(theme.OutletIssues.Select(i => $"plugins' outlets are not written on this site's pages: {i}"));
        problems.AddRange(rules.ProblemsFor(tenant).Select(p => $"rules: {p}"));
        foreach (var pluginId in PluginsUsedBy(tenant))
            if (containment.FailuresOf(pluginId) is { } f)
                problems.Add($"plugin '{pluginId}' failed {f.Count} time(s) since start-up, last at {f.LastAt:u}: {f.LastMessage}");
        problems.AddRange(containment.SwitchedOff(tenant.Id).Select(s => s.Describe()));

        var health = tenant.State == TenantState.Offline ? TenantHealth.Offline
            : problems.Count > 0 ? TenantHealth.ServingWithProblems : TenantHealth.Serving;
        var addresses = tenant.Hosts.Select(h => h + tenant.PathPrefix).ToList();
        return new TenantStatus(tenant.Id, tenant.Name, health, addresses, tenant.Theme, problems);
    }

    private IEnumerable<string> PluginsUsedBy(TenantDefinition tenant)
    {
        var choices = tenant.Challenges.Where(c => c.Rules is not null).Select(c => c.Rules!).Prepend(tenant.Rules);
        var picked = choices.SelectMany(c =>
            new[] { (RuleKind.Voting, c.Voting?.Rule), (RuleKind.Anonymity, c.Anonymity?.Rule) }
                .Concat((c.Moderation ?? []).Select(m => (RuleKind.Moderation, (string?)m.Rule))));
        return picked
            .Where(p => p.Item2 is not null)
            .Select(p => catalog.Find(p.Item1, p.Item2!)?.Plugin.Manifest.Id)
            .OfType<string>()
            .Distinct();
    }
}
