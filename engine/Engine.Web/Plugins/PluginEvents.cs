using Engine.Core.Caching;
using Engine.Core.Events;
using Engine.Core.Tenancy;
using Engine.Plugins.Loading;
using Engine.Plugins.Rules;
using Engine.Web.Tenancy;

namespace Engine.Web.Plugins;

/// <summary>
/// Each site's event handlers (tenant.json's <c>rules.events</c>, or an admin's choice), made from the loaded plugins and
/// kept in the <see cref="EngineCache"/> until the site's definition or the plugins change, as rule sets are. A handler
/// that cannot be made (unknown, bad setting) is logged naming the site and left out; the others still get events.
/// </summary>
public sealed class PluginEvents(PluginCatalog catalog, EngineCache cache, RuleContainment containment, TenantRegistry registry, SiteSettingsLayer layer,
    ILogger<PluginEvents> logger) : IEventSubscribers
{
    private sealed record Handlers(string TenantId) : CacheKey<IReadOnlyList<(string Key, GuardedEventHandler Handler)>>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.NoWrite;
    }

    public bool Any(string tenantId) => Choices(tenantId) is { Count: > 0 };

    /// <summary>The sites that have event handlers now.</summary>
    public IReadOnlyList<string> Subscribed() => registry.Current.Tenants.Select(t => t.Id).Where(Any).ToList();

    /// <summary>The site's handlers, each with the key its deliveries are recorded under ("plugin/handler").</summary>
    public IReadOnlyList<(string Key, GuardedEventHandler Handler)> For(string tenantId)
    {
        if (registry.Current.Find(tenantId) is not { } fromFile) return [];
        var tenant = layer.Effective(fromFile);
        return cache.Get(new Handlers(tenantId), () => Build(tenant), madeWith: (tenant, catalog.Generation));
    }

    private IReadOnlyList<RuleChoice>? Choices(string tenantId) =>
        registry.Current.Find(tenantId) is { } fromFile ? layer.Effective(fromFile).Rules.Events : null;

    private IReadOnlyList<(string Key, GuardedEventHandler Handler)> Build(TenantDefinition tenant)
    {
        var handlers = new List<(string, GuardedEventHandler)>();
        foreach (var choice in tenant.Rules.Events ?? [])
        {
            var (handler, problem) = catalog.CreateEvents(choice.Rule, choice.Settings, tenant.Id);
            if (handler is null)
            {
                logger.LogError("Tenant {TenantId}: events: {Problem}", tenant.Id, problem);
                continue;
            }
            handlers.Add(($"{handler.PluginId}/{handler.Name}", containment.Contain(handler, tenant.Id)));
        }
        return handlers;
    }
}
