using Engine.Core.Members;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engine.Web.SystemAdmin;

public static class SystemServices
{
    /// <summary>
    /// The system site: its options, what it reads tenants' state from, its bootstrap administrator
    /// (after the database migrator, which is registered first), and who may use its pages and API:
    /// an admin whose sign-in belongs to the system site itself, never a tenant's admin.
    /// </summary>
    public static IServiceCollection AddSystemSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SystemOptions>(configuration.GetSection(SystemOptions.Section));
        services.AddSingleton<TenantOverview>();
        services.AddSingleton<CreateTenant>();
        services.AddHostedService<SystemBootstrap>();
        services.AddAuthorizationBuilder().AddPolicy(SystemApi.Policy, p => p
            .RequireRole(Roles.Admin)
            .RequireClaim(TenantResolution.TenantClaim, SystemSite.TenantId));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/SystemAdmin", SystemApi.Policy);
            o.Conventions.AllowAnonymousToPage("/SystemAdmin/SignIn");
        });
        return services;
    }
}
