using Engine.Web.Api;
using Engine.Web.Pages.Admin;
using Microsoft.AspNetCore.Authorization;

namespace Engine.Web.Hosting;

/// <summary>
/// The tenant admin area: Razor Pages compiled at build time under /admin. The moderation pages are
/// for moderators and admins; settings and the audit log for admins only. The pages check nothing
/// themselves that these conventions already enforce, except where one page mixes both (members:
/// blocking is for moderators, roles for admins).
/// </summary>
internal static class AdminPagesServices
{
    public static IServiceCollection AddAdminPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", ModerationApi.ModeratorPolicy);
            o.Conventions.AuthorizePage("/Admin/Settings", AdminApi.AdminPolicy);
            o.Conventions.AuthorizePage("/Admin/Audit", AdminApi.AdminPolicy);
            // Theming is for community managers too: this page alone swaps the folder's moderator policy for the managers'.
            o.Conventions.AddPageApplicationModelConvention("/Admin/Theming", page =>
            {
                foreach (var moderatorsOnly in page.EndpointMetadata.Where(m => m is AuthorizeAttribute { Policy: ModerationApi.ModeratorPolicy }).ToList())
                    page.EndpointMetadata.Remove(moderatorsOnly);
                page.EndpointMetadata.Add(new AuthorizeAttribute(AdminApi.ManagerPolicy));
            });
        });
        // A signed-in member without the role gets a 403 page rather than the cookie handler's redirect
        // to an access-denied path that does not exist; everything else keeps the default behaviour.
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AdminAuthorizationResults>();
        return services;
    }
}
