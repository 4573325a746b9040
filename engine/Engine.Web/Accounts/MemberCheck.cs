using System.Security.Claims;
using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Engine.Web.Accounts;

/// <summary>
/// Checks a sign-in cookie against the member as stored now (see <see cref="KeptReads"/>), on every request: a blocked member is
/// signed out, and a role granted or taken away applies at once rather than at the next sign-in.
/// </summary>
public static class MemberCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var tenant = context.HttpContext.Features.Get<TenantDefinition>();
        // Another tenant's cookie: UseTenantBoundSignIn already treats it as nobody.
        if (tenant is null || context.Principal?.FindFirstValue(TenantResolution.TenantClaim) != tenant.Id) return;
        if (context.Principal.MemberId() is not { } id) return;
        var services = context.HttpContext.RequestServices;
        var members = services.GetRequiredService<IMemberStore>();
        // Kept until the tenant's next committed write other than a vote, so a block or a new role still applies on the next request.
        var member = await services.GetRequiredService<KeptReads>().GetAsync(tenant.Id, ("member", id),
            ct => members.FindByIdAsync(tenant.Id, id, ct), context.HttpContext.RequestAborted, unchangedByVotes: true);
        if (member is null || member.Blocked)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        if (member.Role != context.Principal.FindFirstValue(ClaimTypes.Role) || member.DisplayName != context.Principal.Identity?.Name)
        {
            context.ReplacePrincipal(member.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
            context.ShouldRenew = true;
        }
    }
}
