using Engine.Web.Tenancy;
using Microsoft.AspNetCore.DataProtection;

namespace Engine.Web.Accounts.Passkeys;

/// <summary>
/// The challenge of a passkey ceremony in progress (Identity's attestation or assertion state), kept between asking for the
/// options and posting the answer in a cookie of its own: encrypted and signed for this site, good for five minutes, and
/// used once. A cookie rather than the server's memory, so the answer may reach any node.
/// </summary>
public sealed class PasskeyCeremonies(IDataProtectionProvider protection, TimeProvider clock)
{
    private const string Cookie = ".engine.passkey";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private ITimeLimitedDataProtector Protector(HttpContext context) =>
        protection.CreateProtector("Engine.Passkeys", context.Tenant().Id).ToTimeLimitedDataProtector();

    public void Remember(HttpContext context, string? state)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (state is null) return;
        context.Response.Cookies.Append(Cookie, Protector(context).Protect(state, clock.GetUtcNow() + Lifetime), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = context.Request.PathBase.HasValue ? context.Request.PathBase : "/",
            MaxAge = Lifetime,
        });
    }

    /// <summary>The state remembered for this browser, then forgotten; null when there is none, it has expired or was not made here.</summary>
    public string? Recall(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(Cookie, out var kept) || string.IsNullOrEmpty(kept)) return null;
        context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = context.Request.PathBase.HasValue ? context.Request.PathBase : "/" });
        try
        {
            return Protector(context).Unprotect(kept, out var expires) is var state && expires > clock.GetUtcNow() ? state : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
