using System.Security.Claims;
using Engine.Core.Members;
using Engine.Web.Tenancy;

namespace Engine.Web.Accounts;

public static class MemberClaims
{
    public static ClaimsPrincipal ToPrincipal(this Member member, string authenticationType) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, member.Id.ToString()),
        new Claim(ClaimTypes.Name, member.DisplayName),
        new Claim(ClaimTypes.Role, member.Role),
        new Claim(TenantResolution.TenantClaim, member.TenantId),
    ], authenticationType));

    /// <summary>The signed-in member's id on this tenant, or null for a visitor.</summary>
    public static long? MemberId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
