using Engine.Core.Caching;
using Engine.Web.Tenancy;

namespace Engine.Web.Site;

/// <summary>
/// Keeps the bytes of public pages as visitors (not signed in) see them, per tenant and address, in the
/// <see cref="EngineCache"/>. A copy is served only while no write of its tenant has been committed since
/// before the page's data was read, so any committed write for that tenant (a vote, an idea, a
/// moderation decision, a settings change, whatever store made it) shows on the next view. A copy
/// also dies with the tenant definition it was made for (tenant.json or a run-time switch changed),
/// and after the cache's default age, which bounds how stale "3 minutes ago" and a challenge's closing can get.
/// Signed-in members and API callers are never served from it, nor is anything kept for them.
/// </summary>
public sealed class PageCache(EngineCache cache)
{
    private static readonly string[] Parameters = ["sort", "page"];

    private sealed record VisitorPage(string TenantId, string Host, string PathBase, string Path, string Query, string Language) : CacheKey<byte[]>(TenantId)
    {
        /// <summary>A crawler's addresses cannot grow it without bound.</summary>
        public override int MaxEntries => 20_000;
    }

    /// <summary>
    /// A ticket to serve this request from the cache or keep its page, or null when neither is
    /// allowed. Take it before reading any data: it remembers the version the page will be built from.
    /// </summary>
    public Ticket? For(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || context.User.Identity?.IsAuthenticated == true
            || request.Headers.Authorization.Count > 0 || !OnlyKnownParameters(request.Query)) return null;
        var tenant = context.Tenant();
        var page = new VisitorPage(tenant.Id, request.Host.Value ?? "", request.PathBase.Value ?? "", request.Path.Value ?? "", request.QueryString.Value ?? "",
            // The same address is a page per language where the site offers several (chosen by cookie or Accept-Language).
            Languages.LanguageChoice.Of(context).Name);
        return new Ticket(cache.Begin(page, madeWith: tenant));
    }

    public int Count => cache.Count<VisitorPage>();

    private static bool OnlyKnownParameters(IQueryCollection query)
    {
        foreach (var (name, values) in query)
            if (values.Count != 1 || Array.IndexOf(Parameters, name) < 0) return false;
        return true;
    }

    public sealed class Ticket
    {
        private readonly EngineCache.Reading<byte[]> _reading;

        internal Ticket(EngineCache.Reading<byte[]> reading) => _reading = reading;

        /// <summary>The page as kept, if it is still good.</summary>
        public IResult? Hit() => _reading.TryHit(out var body) ? new CachedPage(body) : null;

        /// <summary>Keeps a successful page as it was sent to a visitor.</summary>
        public void Keep(byte[] body) => _reading.Keep(body);
    }
}

/// <summary>A kept page: written straight out, with its length, and nothing else to work out.</summary>
public sealed class CachedPage(byte[] body) : IResult
{
    public const string ContentType = "text/html; charset=utf-8";

    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
