namespace Engine.Web.Hosting;

/// <summary>
/// The headers every answer carries, pages, API, files and errors alike: those of OWASP's secure-headers list that apply
/// to a site with no frames, no inline script and nothing another origin should load. HSTS is the TLS proxy's or
/// UseHsts's business, and Kestrel sends no Server header (see AddEngine).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>No inline script anywhere, so the policy can forbid it; nhsuk-frontend's fonts are the one outside origin.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' https://assets.nhs.uk; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The site uses none of the browser's powerful features, so no page (or anything injected into one) may.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), " +
        "microphone=(), midi=(), payment=(), publickey-credentials-get=(self), screen-wake-lock=(), usb=(), xr-spatial-tracking=()";

    /// <summary>Every header and its value, as sent.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["Content-Security-Policy"] = ContentSecurityPolicy,
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "same-origin",
        ["X-Frame-Options"] = "DENY",
        ["Permissions-Policy"] = PermissionsPolicy,
        // No other window keeps a handle on ours (a sign-in page opened from another site cannot be scripted by it).
        ["Cross-Origin-Opener-Policy"] = "same-origin",
        // Pages, files and answers are for this site's own pages: another origin cannot embed or read them.
        ["Cross-Origin-Resource-Policy"] = "same-origin",
    };

    // As an array of ready values: set on every answer, kept pages included, so no enumerator or conversion per request.
    private static readonly KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>[] Ready =
        All.Select(h => KeyValuePair.Create(h.Key, new Microsoft.Extensions.Primitives.StringValues(h.Value))).ToArray();

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        foreach (var (name, value) in Ready) headers[name] = value;
        return next(context);
    });
}
