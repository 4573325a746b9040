using System.Security.Claims;
using Engine.Core.Members;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Engine.Web.Accounts.TwoFactor;

/// <summary>
/// Signing in is two steps for a member who uses two factors: the password (or the site's provider) proves the first, and then a
/// short-lived cookie of its own (<see cref="Scheme"/>, five minutes, as Identity's TwoFactorUserId cookie) remembers who has
/// passed it while the sign-in page asks for the code. Only the code turns it into a sign-in.
/// </summary>
public static class TwoFactorSignIn
{
    public const string Scheme = "Engine.TwoFactor";
    public const string CodePath = "/account/signin/code";
    private const string HowClaim = "engine.how";

    public static AuthenticationBuilder AddTwoFactorSignIn(this AuthenticationBuilder authentication) =>
        authentication.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = ".engine.two-factor";
            o.Cookie.HttpOnly = true;
            // Lax: a provider's answer comes back as a top-level navigation, and the code page is the next one.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            o.SlidingExpiration = false;
        });

    /// <summary>
    /// Signs the member in, or, when they use two factors, remembers that they passed the first and answers where to ask for the
    /// code (which then brings them to <paramref name="returnUrl"/>).
    /// </summary>
    /// <param name="how">How they passed the first factor, for their list of sign-ins.</param>
    public static async Task<string> SignInAsync(HttpContext context, Member member, string how, string returnUrl)
    {
        if (!member.TwoFactorEnabled)
        {
            await AccountService.SignInAsync(context, member, how);
            return returnUrl;
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, member.Id.ToString()),
            new Claim(TenantResolution.TenantClaim, member.TenantId),
            new Claim(MemberClaims.SecurityStampClaim, member.SecurityStamp),
            new Claim(HowClaim, how),
        ], Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return $"{context.Request.PathBase}{CodePath}?returnUrl={Uri.EscapeDataString(returnUrl)}";
    }

    /// <summary>The member who passed the first factor on this site in the last five minutes, and how; null when nobody has.</summary>
    public static async Task<(Member Member, string How)?> WaitingAsync(HttpContext context, IMemberStore members)
    {
        var result = await context.AuthenticateAsync(Scheme);
        var principal = result.Principal;
        if (!result.Succeeded || principal is null || principal.FindFirstValue(TenantResolution.TenantClaim) != context.Tenant().Id
            || !long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            return null;
        var member = await members.FindByIdAsync(context.Tenant().Id, id, context.RequestAborted);
        // A password reset or a block since the first step ends it, as it ends a sign-in.
        if (member is null || member.Blocked || member.SecurityStamp != principal.FindFirstValue(MemberClaims.SecurityStampClaim)) return null;
        return (member, principal.FindFirstValue(HowClaim) ?? "Password");
    }

    /// <summary>The code was right: the first step's cookie goes and the sign-in cookie comes.</summary>
    public static async Task FinishAsync(HttpContext context, Member member, string how)
    {
        await context.SignOutAsync(Scheme);
        await AccountService.SignInAsync(context, member, how + " and code");
    }
}
