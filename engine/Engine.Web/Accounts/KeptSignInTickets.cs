using System.Security.Claims;
using Engine.Core.Caching;
using Microsoft.AspNetCore.Authentication;

namespace Engine.Web.Accounts;

/// <summary>
/// Reads a sign-in cookie once a minute at most: a member sends the same cookie with every page, and decrypting it (Data
/// Protection: AES and an HMAC) and reading its claims was about a twentieth of the CPU of a member's page. The ticket is
/// kept in the <see cref="EngineCache"/> under the exact cookie text, and each request gets its own copy, since the
/// cookie handler and <see cref="MemberCheck"/> may replace its principal or renew it. Nothing is decided here that
/// decrypting would decide otherwise: the handler still checks the ticket's expiry, MemberCheck still checks the member,
/// the session and the security stamp on every request, and a cookie that does not decrypt is never kept. A key revoked
/// by hand stops a cookie read in the last minute only when its copy ages out.
/// </summary>
public sealed class KeptSignInTickets(ISecureDataFormat<AuthenticationTicket> cookies, EngineCache cache) : ISecureDataFormat<AuthenticationTicket>
{
    // Not a tenant's data: a cookie decrypts to the same ticket whichever site it is sent to, and UseTenantBoundSignIn
    // then refuses another tenant's. No write changes what a cookie decrypts to; only the age bounds a copy.
    private sealed record SignInTicket(string Cookie) : CacheKey<AuthenticationTicket?>(TenantId: "")
    {
        public override DroppedBy DroppedBy => DroppedBy.NoWrite;
        public override TimeSpan MaxAge => TimeSpan.FromMinutes(1);
        public override int MaxEntries => 10_000;
    }

    public string Protect(AuthenticationTicket data) => cookies.Protect(data);
    public string Protect(AuthenticationTicket data, string? purpose) => cookies.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        // A purpose (TLS token binding) is part of what decrypts: such cookies are read every time.
        if (protectedText is null || purpose is not null) return cookies.Unprotect(protectedText, purpose);
        var reading = cache.Begin(new SignInTicket(protectedText));
        if (!reading.TryHit(out var kept))
        {
            kept = cookies.Unprotect(protectedText);
            if (kept is null) return null;
            reading.Keep(kept);
        }
        // ClaimsPrincipal.Clone shares the identities: each is copied, claims and all.
        return kept is null ? null
            : new AuthenticationTicket(new ClaimsPrincipal(kept.Principal.Identities.Select(i => i.Clone())), kept.Properties.Clone(), kept.AuthenticationScheme);
    }
}
