using System.Collections.Concurrent;
using Engine.Core.Common;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;

namespace Engine.Web.Site;

/// <summary>
/// Keeps the bytes of public pages as visitors (not signed in) see them, per tenant and address.
/// A copy is served only while its tenant's <see cref="DataVersions"/> number is the one read
/// before the page's data was read, so any committed write for that tenant (a vote, an idea, a
/// moderation decision, a settings change, whatever store made it) shows on the next view. A copy
/// also dies with the tenant definition it was made for (tenant.json or a run-time switch changed),
/// and after <see cref="MaxAge"/>, which bounds how stale "3 minutes ago" and a challenge's closing can get.
/// Signed-in members and API callers are never served from it, nor is anything kept for them.
/// </summary>
public sealed class PageCache(DataVersions versions, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    /// <summary>Beyond this many copies the cache starts again: a crawler's addresses cannot grow it without bound.</summary>
    private const int MaxPages = 20_000;
    private static readonly string[] Parameters = ["sort", "page"];

    private readonly ConcurrentDictionary<Key, Entry> _pages = new();

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
        var key = new Key(tenant.Id, request.Host.Value ?? "", request.PathBase.Value ?? "", request.Path.Value ?? "", request.QueryString.Value ?? "");
        return new Ticket(this, key, tenant, versions.Of(tenant.Id));
    }

    public int Count => _pages.Count;

    private static bool OnlyKnownParameters(IQueryCollection query)
    {
        foreach (var (name, values) in query)
            if (values.Count != 1 || Array.IndexOf(Parameters, name) < 0) return false;
        return true;
    }

    private CachedPage? Find(Ticket ticket) =>
        _pages.TryGetValue(ticket.Key, out var entry) && entry.Version == ticket.Version
        && ReferenceEquals(entry.Tenant, ticket.Tenant) && entry.ExpiresAt > clock.GetUtcNow()
            ? new CachedPage(entry.Body) : null;

    private void Keep(Ticket ticket, byte[] body)
    {
        if (_pages.Count >= MaxPages) _pages.Clear();
        _pages[ticket.Key] = new Entry(ticket.Tenant, ticket.Version, clock.GetUtcNow() + MaxAge, body);
    }

    internal readonly record struct Key(string TenantId, string Host, string PathBase, string Path, string Query);

    private sealed record Entry(TenantDefinition Tenant, long Version, DateTimeOffset ExpiresAt, byte[] Body);

    public sealed class Ticket
    {
        private readonly PageCache _cache;

        internal Ticket(PageCache cache, Key key, TenantDefinition tenant, long version) => (_cache, Key, Tenant, Version) = (cache, key, tenant, version);

        internal Key Key { get; }
        internal TenantDefinition Tenant { get; }
        internal long Version { get; }

        /// <summary>The page as kept, if it is still good.</summary>
        public IResult? Hit() => _cache.Find(this);

        /// <summary>Keeps a successful page as it was sent to a visitor.</summary>
        public void Keep(byte[] body) => _cache.Keep(this, body);
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
