using Engine.Core.Tenancy;

namespace Engine.Web.SystemAdmin;

/// <summary>
/// The system site is served as a tenant of its own, so sign-in, Identity, lockout, the per-request
/// member check and the audit log work for it unchanged. Its id is not a valid tenant id (tenant ids
/// are lower-case letters, digits and hyphens), so no tenant.json can ever claim it, and a
/// system administrator's sign-in means nothing on any tenant's host.
/// </summary>
public static class SystemSite
{
    public const string TenantId = "_system";

    public static readonly TenantDefinition Tenant = new()
    {
        Id = TenantId,
        Name = "System administration",
        Theme = "base",
    };

    public static bool Is(TenantDefinition tenant) => tenant.Id == TenantId;

    /// <summary>
    /// What the system host serves: its own pages and API, sign-out, personal API tokens (front-end files are served
    /// before any site is chosen). Everything else (a challenge, the tenant admin area) does not exist there.
    /// </summary>
    public static bool Serves(PathString path) =>
        path == "/" || IsSystemPath(path) || path.StartsWithSegments("/account/signout") ||
        path.StartsWithSegments("/api/v1/account/tokens") || path.StartsWithSegments("/api/v1/antiforgery");

    /// <summary>The system pages and API, which do not exist on a tenant's host.</summary>
    public static bool IsSystemPath(PathString path) =>
        path.StartsWithSegments("/system") || path.StartsWithSegments("/api/v1/system");
}
