using System.Security.Claims;
using Engine.Core.Tenancy;
using Engine.Web.SystemAdmin;
using Microsoft.Extensions.Options;

namespace Engine.Web.Tenancy;

public static class TenantResolution
{
    public const string TenantClaim = "tenant";

    /// <summary>
    /// Finds the tenant for the request's host (and path prefix, which becomes the PathBase).
    /// An unknown host gets a plain 404 page and never another tenant's site.
    /// </summary>
    public static IApplicationBuilder UseTenantResolution(this IApplicationBuilder app)
    {
        // Singletons, found once: every request passes here, kept pages included, and needs no scope of its own for them.
        var services = app.ApplicationServices;
        var systemHosts = services.GetRequiredService<IOptions<SystemOptions>>().Value.Hosts;
        var registry = services.GetRequiredService<TenantRegistry>();
        var settings = services.GetRequiredService<SiteSettingsLayer>();
        return app.Use((context, next) =>
        {
            var host = context.Request.Host.Host;
            foreach (var systemHost in systemHosts)
                if (string.Equals(systemHost, host, StringComparison.OrdinalIgnoreCase)) return SystemSiteAsync(context, next);
            var tenant = registry.Current.Resolve(host, context.Request.Path);
            if (tenant is null) return SiteNotFoundAsync(context);
            context.Features.Set(settings.Effective(tenant));
            if (tenant.PathPrefix.Length > 0)
            {
                context.Request.PathBase = context.Request.PathBase.Add(tenant.PathPrefix);
                context.Request.Path = context.Request.Path.Value!.Length > tenant.PathPrefix.Length
                    ? context.Request.Path.Value[tenant.PathPrefix.Length..] : "/";
            }
            // The system site's pages do not exist on a tenant's host, whoever asks.
            if (SystemSite.IsSystemPath(context.Request.Path)) return Site.SitePage.Of(context).NotFound().ExecuteAsync(context);
            return next(context);
        });
    }

    /// <summary>The system host serves the system site (as a tenant of its own) and nothing of any tenant.</summary>
    private static async Task SystemSiteAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path == "/")
        {
            context.Response.Redirect(context.Request.PathBase + "/system");
            return;
        }
        if (!SystemSite.Serves(context.Request.Path))
        {
            await SiteNotFoundAsync(context);
            return;
        }
        context.Features.Set(SystemSite.Tenant);
        await next(context);
    }

    private static async Task SiteNotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            "<!doctype html><html lang=\"en\"><head><title>Site not found</title></head><body><h1>Site not found</h1><p>No challenge site is served at this address.</p></body></html>");
    }

    /// <summary>A sign-in belongs to one tenant: a cookie or token from another tenant counts as nobody.</summary>
    public static IApplicationBuilder UseTenantBoundSignIn(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // No tenant (the health check skips resolution): a sign-in belongs to no site there, so it is nobody.
        if (context.User.Identity?.IsAuthenticated == true &&
            context.User.FindFirstValue(TenantClaim) != context.Features.Get<TenantDefinition>()?.Id)
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        await next(context);
    });

    public static TenantDefinition Tenant(this HttpContext context) =>
        context.Features.Get<TenantDefinition>() ?? throw new InvalidOperationException("No tenant was resolved for this request.");
}
