using System.Security.Claims;
using Engine.Core.Members;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts;

public static class MemberClaims
{
    /// <summary>Identity's own claim for the security stamp: a sign-in made before the stamp changed is checked against it.</summary>
    public static readonly string SecurityStampClaim = new ClaimsIdentityOptions().SecurityStampClaimType;
    /// <summary>One sign-in (one cookie), so that signing out ends that cookie and any copy of it.</summary>
    public const string SessionClaim = "engine.session";
    /// <summary>Present when the member uses two factors: what <see cref="TwoFactor.StaffTwoFactor"/> asks of staff.</summary>
    public const string TwoFactorClaim = "engine.two-factor";

    public static ClaimsPrincipal ToPrincipal(this Member member, string authenticationType, string? sessionId = null)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, member.Id.ToString()),
            new Claim(ClaimTypes.Name, member.DisplayName),
            new Claim(ClaimTypes.Role, member.Role),
            new Claim(TenantResolution.TenantClaim, member.TenantId),
            new Claim(SecurityStampClaim, member.SecurityStamp),
        ], authenticationType);
        if (sessionId is not null) identity.AddClaim(new Claim(SessionClaim, sessionId));
        if (member.TwoFactorEnabled) identity.AddClaim(new Claim(TwoFactorClaim, "true"));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The signed-in member's id on this tenant, or null for a visitor.</summary>
    public static long? MemberId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
