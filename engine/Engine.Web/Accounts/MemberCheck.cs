using System.Security.Claims;
using Engine.Core.Caching;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Engine.Web.Accounts;

/// <summary>
/// Checks a sign-in cookie against the member as stored now (kept in the <see cref="EngineCache"/>), on every request, as Identity's
/// SecurityStampValidator would with a validation interval of zero: a cookie made before the member's security stamp changed
/// (a password reset, a sign-out everywhere, a block, a role change) or whose session was signed out is nobody, and a
/// new display name applies at once.
/// </summary>
public static class MemberCheck
{
    // Kept until the tenant's next committed write other than a vote, so a block or a new role still applies on the next request.
    private sealed record MemberRow(string TenantId, long MemberId) : CacheKey<Member?>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    // A sign-out is a write, so it drops this copy at once.
    private sealed record SessionEnded(string TenantId, string SessionId) : CacheKey<bool>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var tenant = context.HttpContext.Features.Get<TenantDefinition>();
        // Another tenant's cookie: UseTenantBoundSignIn already treats it as nobody.
        if (tenant is null || context.Principal?.FindFirstValue(TenantResolution.TenantClaim) != tenant.Id) return;
        if (context.Principal.MemberId() is not { } id) return;
        var services = context.HttpContext.RequestServices;
        var members = services.GetRequiredService<IMemberStore>();
        var member = await services.GetRequiredService<EngineCache>().GetAsync(new MemberRow(tenant.Id, id),
            ct => members.FindByIdAsync(tenant.Id, id, ct), context.HttpContext.RequestAborted);
        var sessionId = context.Principal.FindFirstValue(MemberClaims.SessionClaim);
        if (member is null || member.Blocked || member.SecurityStamp != context.Principal.FindFirstValue(MemberClaims.SecurityStampClaim)
            || sessionId is null || await SessionEndedAsync(context.HttpContext, tenant.Id, sessionId))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        await services.GetRequiredService<DataRights.MemberVisits>().SeenAsync(tenant.Id, id, context.HttpContext.RequestAborted);
        Languages.LanguageChoice.RememberMembers(context.HttpContext, member.Language);
        if (member.Role != context.Principal.FindFirstValue(ClaimTypes.Role) || member.DisplayName != context.Principal.Identity?.Name)
        {
            context.ReplacePrincipal(member.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme, sessionId));
            context.ShouldRenew = true;
        }
    }

    private static Task<bool> SessionEndedAsync(HttpContext context, string tenantId, string sessionId)
    {
        var members = context.RequestServices.GetRequiredService<IMemberStore>();
        return context.RequestServices.GetRequiredService<EngineCache>().GetAsync(new SessionEnded(tenantId, sessionId),
            ct => members.IsSessionEndedAsync(tenantId, sessionId, ct), context.RequestAborted);
    }
}
