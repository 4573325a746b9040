using Engine.Core.Moderation;
using Engine.Web.Pages.Admin;
using Engine.Web.SystemAdmin;

namespace Engine.Web.Pages.SystemAdmin;

/// <summary>Every tenant at a glance, with what is wrong with each, the plugins, and what system administrators did.</summary>
public sealed class IndexModel(TenantOverview overview, IModerationStore audit) : AdminPageModel
{
    public SystemApi.OverviewResponse Overview { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Overview = SystemApi.Overview(overview);
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
