using Engine.Core.Caching;
using Engine.Core.Moderation;
using Engine.Web.Pages.Admin;
using Engine.Web.SystemAdmin;

namespace Engine.Web.Pages.SystemAdmin;

/// <summary>Every tenant at a glance, with what is wrong with each, the plugins, this node's cache, and what system administrators did.</summary>
public sealed class IndexModel(TenantOverview overview, IModerationStore audit, EngineCache cache) : AdminPageModel
{
    public SystemApi.OverviewResponse Overview { get; private set; } = null!;
    public IReadOnlyList<CacheKindStats> Cache { get; private set; } = [];
    public IReadOnlyList<AuditEntry> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Overview = SystemApi.Overview(overview);
        Cache = cache.Stats();
        Recent = await audit.AuditLogAsync(SystemSite.TenantId, null, 20, ct);
    }

    public static (string Text, string Colour) Tag(TenantHealth health) => health switch
    {
        TenantHealth.Serving => ("Serving", "green"),
        TenantHealth.ServingWithProblems => ("Serving, with problems", "orange"),
        TenantHealth.Offline => ("Offline", "grey"),
        _ => ("Not served: tenant.json is broken", "red"),
    };
}
