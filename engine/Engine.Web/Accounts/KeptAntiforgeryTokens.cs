using System.Security.Claims;
using Engine.Core.Caching;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Engine.Web.Accounts;

/// <summary>
/// Gives a signed-in member's pages the same anti-forgery token pair for a minute at most: making one decrypts the
/// anti-forgery cookie and encrypts a new request token (Data Protection both ways), which was about a tenth of the CPU
/// of a member's page. A request token is valid for as long as its cookie and its member are, however many were made,
/// so handing out one made a moment earlier for the very same cookie and member decides nothing differently. Kept only
/// when the request's cookie was good (no new cookie was issued), under the exact cookie text and the member's
/// identifying claim, the claim the token itself is bound to; visitors' forms get fresh tokens every time.
/// Checking a posted form is the framework's, unchanged.
/// </summary>
public sealed class KeptAntiforgeryTokens(IAntiforgery tokens, EngineCache cache, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    // No write changes what a cookie and a member make; only the age bounds a copy.
    private sealed record TokenPair(string Cookie, string Member, bool Https) : CacheKey<AntiforgeryTokenSet>(TenantId: "")
    {
        public override DroppedBy DroppedBy => DroppedBy.NoWrite;
        public override TimeSpan MaxAge => TimeSpan.FromMinutes(1);
        public override int MaxEntries => 10_000;
    }

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        var cookie = options.Value.Cookie.Name is { } name ? httpContext.Request.Cookies[name] : null;
        if (cookie is null || Member(httpContext.User) is not { } member) return tokens.GetAndStoreTokens(httpContext);
        var reading = cache.Begin(new TokenPair(cookie, member, httpContext.Request.IsHttps));
        if (reading.TryHit(out var kept))
        {
            // As the framework does for every response that carries a token: never kept by a browser or a proxy.
            if (!httpContext.Response.HasStarted)
            {
                httpContext.Response.Headers.CacheControl = "no-cache, no-store";
                httpContext.Response.Headers.Pragma = "no-cache";
            }
            return kept;
        }
        var made = tokens.GetAndStoreTokens(httpContext);
        if (made.CookieToken is null) reading.Keep(made);
        return made;
    }

    /// <summary>The claim the framework binds a request token to (sub, name identifier or UPN), or null for visitors.</summary>
    private static string? Member(ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
            if (identity.IsAuthenticated && (identity.FindFirst("sub") ?? identity.FindFirst(ClaimTypes.NameIdentifier) ?? identity.FindFirst(ClaimTypes.Upn)) is { } claim)
                return $"{identity.AuthenticationType}\n{claim.Type}\n{claim.Issuer}\n{claim.Value}";
        return null;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => tokens.GetTokens(httpContext);
    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => tokens.IsRequestValidAsync(httpContext);
    public Task ValidateRequestAsync(HttpContext httpContext) => tokens.ValidateRequestAsync(httpContext);
    public void SetCookieTokenAndHeader(HttpContext httpContext) => tokens.SetCookieTokenAndHeader(httpContext);
}
