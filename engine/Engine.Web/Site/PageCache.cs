using Engine.Core.Caching;
using Engine.Themes;
using Engine.Web.Tenancy;

namespace Engine.Web.Site;

/// <summary>
/// Keeps the bytes of public pages as visitors (not signed in) see them, per tenant and address, in the
/// <see cref="EngineCache"/>. A copy is served only while no write of its tenant has been committed since
/// before the page's data was read, so any committed write for that tenant (a vote, an idea, a
/// moderation decision, a settings change, whatever store made it) shows on the next view. A copy
/// also dies with the tenant definition it was made for (tenant.json or a run-time switch changed),
/// and after the cache's default age, which bounds how stale "3 minutes ago" and a challenge's closing can get.
/// Signed-in members and API callers are never served from it, nor is anything kept for them. What members
/// share is kept apart (<see cref="ShellFor"/>): a page's shell, written from the visitors' model, with holes for
/// each member's own parts, under the same rules.
/// </summary>
public sealed class PageCache(EngineCache cache)
{
    private static readonly string[] Parameters = ["sort", "page"];

    private sealed record VisitorPage(string TenantId, string Host, string PathBase, string Path, string Query, string Language) : CacheKey<byte[]>(TenantId)
    {
        /// <summary>A crawler's addresses cannot grow it without bound.</summary>
        public override int MaxEntries => 20_000;
    }

    /// <summary>A member's page as every member sees it, kept apart from the visitors' page of the same address.</summary>
    private sealed record MembersPage(string TenantId, string Host, string PathBase, string Path, string Query, string Language) : CacheKey<PageShell>(TenantId)
    {
        public override int MaxEntries => 20_000;
    }

    /// <summary>
    /// A ticket to serve this request from the cache or keep its page, or null when neither is
    /// allowed. Take it before reading any data: it remembers the version the page will be built from.
    /// </summary>
    public Ticket? For(HttpContext context) => context.User.Identity?.IsAuthenticated == true ? null : ForVisitor(context);

    /// <summary>As <see cref="For"/>, for a request already known to come from no member (no sign-in cookie).</summary>
    internal Ticket? ForVisitor(HttpContext context)
    {
        if (!Cacheable(context)) return null;
        var (tenant, request) = (context.Tenant(), context.Request);
        var page = new VisitorPage(tenant.Id, request.Host.Value ?? "", request.PathBase.Value ?? "", request.Path.Value ?? "", request.QueryString.Value ?? "",
            // The same address is a page per language where the site offers several (chosen by cookie or Accept-Language).
            Languages.LanguageChoice.Of(context).Name);
        return new Ticket(cache.Begin(page, madeWith: tenant));
    }

    /// <summary>
    /// For a signed-in member (by cookie: API callers never), a ticket to the page's shell as every member sees it, or null.
    /// Take it before reading any data, as <see cref="For"/>.
    /// </summary>
    public ShellTicket? ShellFor(HttpContext context)
    {
        if (!Cacheable(context) || context.User.Identity?.IsAuthenticated != true) return null;
        var (tenant, request) = (context.Tenant(), context.Request);
        var page = new MembersPage(tenant.Id, request.Host.Value ?? "", request.PathBase.Value ?? "", request.Path.Value ?? "", request.QueryString.Value ?? "",
            Languages.LanguageChoice.Of(context).Name);
        return new ShellTicket(cache.Begin(page, madeWith: tenant));
    }

    private static bool Cacheable(HttpContext context)
    {
        var request = context.Request;
        return HttpMethods.IsGet(request.Method) && request.Headers.Authorization.Count == 0 && OnlyKnownParameters(request.Query);
    }

    public int Count => cache.Count<VisitorPage>();

    /// <summary>How many members' shells are kept.</summary>
    public int ShellCount => cache.Count<MembersPage>();

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
        public IResult? Hit() => Hosting.PageCacheMetrics.Counted(_reading.TryHit(out var body)) ? new CachedPage(body) : null;

        /// <summary>Keeps a successful page as it was sent to a visitor.</summary>
        public void Keep(byte[] body) => _reading.Keep(body);
    }
}

/// <summary>Serving visitors' kept pages before the rest of the pipeline.</summary>
public static class KeptPages
{
    /// <summary>
    /// Serves a visitor's kept page as soon as the tenant is known, before routing, sign-in and the rest, which a
    /// kept page does not need: only an endpoint that would serve the same page to any visitor keeps one, under its full
    /// address and language, for the data version it was made from. A request with a sign-in cookie goes the whole way
    /// (a cookie that turns out to be no good makes a visitor there, served the same copy by the endpoint).
    /// </summary>
    public static IApplicationBuilder UseKeptPages(this IApplicationBuilder app)
    {
        var signIn = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme).Cookie.Name ?? "";
        var cache = app.ApplicationServices.GetRequiredService<PageCache>();
        return app.Use((context, next) =>
        {
            if (context.Features.Get<Core.Tenancy.TenantDefinition>() is null || SignedIn(context.Request, signIn)
                || cache.ForVisitor(context)?.Hit() is not { } kept) return next(context);
            return kept.ExecuteAsync(context);
        });
    }

    /// <summary>
    /// Serves a signed-in member's page from its kept shell as soon as the member is known (after authentication, the
    /// site's sign-in check and the language), before authorization, rate limiting, anti-forgery and the endpoint's own
    /// binding, none of which a GET of such a page has: only an endpoint marked <see cref="KeptForMembers"/>, and only
    /// while it asks no authorization and no rate limit (one that does goes the whole way, as every other request does).
    /// With a fallback authorization policy or a global rate limit, which would apply to every endpoint, it is not added.
    /// </summary>
    public static IApplicationBuilder UseKeptMemberPages(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        if (services.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider>().GetFallbackPolicyAsync().GetAwaiter().GetResult() is not null
            || services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>>().Value.GlobalLimiter is not null)
            return app;
        return app.Use((context, next) =>
            context.User.Identity?.IsAuthenticated == true && context.GetEndpoint()?.Metadata is { } metadata
            && metadata.GetMetadata<KeptForMembers>() is { } kept && KeptForMembers.NothingBetween(metadata)
                ? kept.ServeAsync(context, next)
                : next(context));
    }

    // The cookie may come in chunks (name, nameC1, nameC2 ...).
    private static bool SignedIn(HttpRequest request, string cookie)
    {
        if (request.Headers.Cookie.Count == 0) return false;
        foreach (var name in request.Cookies.Keys)
            if (name.StartsWith(cookie, StringComparison.Ordinal)) return true;
        return false;
    }
}

/// <summary>
/// Marks an endpoint whose page a member may be served from its kept shell before the rest of the pipeline
/// (<see cref="KeptPages.UseKeptMemberPages"/>): <paramref name="page"/> gives that page, or null to let the endpoint answer
/// (no shell kept, nothing found).
/// </summary>
public sealed class KeptForMembers(Func<HttpContext, Task<IResult?>> page)
{
    /// <summary>Whether nothing the pipeline skips would apply to the endpoint: no authorization, no rate limit.</summary>
    public static bool NothingBetween(EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null
        && metadata.GetMetadata<Microsoft.AspNetCore.Authorization.AuthorizationPolicy>() is null
        && metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizationRequirementData>() is null
        && metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>() is null;

    public async Task ServeAsync(HttpContext context, RequestDelegate next)
    {
        if (await page(context) is { } kept) await kept.ExecuteAsync(context);
        else await next(context);
    }
}

/// <summary>A ticket to a page's shell as every member sees it (see <see cref="PageShell"/>).</summary>
public sealed class ShellTicket
{
    private readonly EngineCache.Reading<PageShell> _reading;

    internal ShellTicket(EngineCache.Reading<PageShell> reading) => _reading = reading;

    /// <summary>The shell as kept, if it is still good: its model is the page's shared model.</summary>
    public PageShell? Hit() => Hosting.PageCacheMetrics.Counted(_reading.TryHit(out var shell)) ? shell : null;

    /// <summary>Keeps a shell written from the page's shared model for the other members.</summary>
    public void Keep(PageShell shell) => _reading.Keep(shell);
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
