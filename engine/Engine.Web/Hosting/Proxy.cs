using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Engine.Web.Hosting;

/// <summary>
/// The TLS proxies in front of the engine (docs/deploy.md): only a request that comes from one of them may say, in
/// X-Forwarded-For and X-Forwarded-Proto, who the client is and whether it spoke HTTPS. With none configured, no
/// request may (the framework's defaults would believe the loopback, or with ASPNETCORE_FORWARDEDHEADERS_ENABLED anyone).
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Engine:Proxy";
    /// <summary>Addresses of the proxies, like <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];
    /// <summary>Networks the proxies are in, like <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

public static class Proxy
{
    public static IServiceCollection AddProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ProxyOptions.Section);
        services.Configure<ProxyOptions>(section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ProxyOptions>>((o, proxies) =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var (value, i) in proxies.Value.KnownProxies.Select((v, i) => (v, i)))
                o.KnownProxies.Add(IPAddress.TryParse(value, out var address) ? address
                    : throw new InvalidOperationException($"{ProxyOptions.Section}:KnownProxies:{i}: '{value}' is not an IP address (like 10.0.0.5)."));
            foreach (var (value, i) in proxies.Value.KnownNetworks.Select((v, i) => (v, i)))
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(value, out var network) ? network
                    : throw new InvalidOperationException($"{ProxyOptions.Section}:KnownNetworks:{i}: '{value}' is not a network (like 10.0.0.0/24)."));
            // The framework believes anyone when both lists are empty (as ASPNETCORE_FORWARDEDHEADERS_ENABLED makes them,
            // and these options are also the ones its middleware reads then): with no proxy configured, believe nobody.
            // The host name is the proxy's to pass on as it is (Host): tenants are told apart by it, so no header may change it.
            o.ForwardedHeaders = o.KnownProxies.Count + o.KnownIPNetworks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });
        // A browser that has seen the site over HTTPS never tries plain HTTP on it again for a year. Not includeSubDomains:
        // a tenant's host is often one name in an organisation's domain, whose other sites are not ours to decide for.
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>First in the pipeline, so everything after it (cookies, redirects, rate limits, HSTS) sees the client as the proxy saw it.</summary>
    public static WebApplication UseProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Sent on HTTPS answers only (by the framework); Development runs on plain http://*.localhost.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }
}
