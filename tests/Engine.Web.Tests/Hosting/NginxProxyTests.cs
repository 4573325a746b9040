using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engine.Web.DataExchange;
using Microsoft.AspNetCore.Hosting;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// The engine (Production, on a real port) behind nginx with the site config docs/deploy.md gives, reached over HTTPS
/// as browsers reach it: through the proxy it sees the client's scheme and address; sent straight to its port, the same
/// headers a proxy would send change nothing.
/// </summary>
public sealed partial class NginxProxyTests : IClassFixture<NginxProxyTests.ProxiedEngine>
{
    public const string Host = "alpha.test";

    /// <summary>The engine on a port, with nginx as its one known proxy, and three account attempts per client.</summary>
    public sealed class ProxiedEngine : TestEngine
    {
        public NginxProxy Nginx { get; }

        public ProxiedEngine() : base(onPort: true)
        {
            WriteTenantJson("alpha", System.Text.Json.JsonSerializer.Serialize(EngineApp.Tenant("alpha", "Alpha Health Ideas", [Host], anonymous: false, downVotes: false)));
            Start();
            Nginx = new NginxProxy(Port, Host);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:Proxy:KnownProxies:0", NginxProxy.Address.ToString());
            builder.UseSetting("Engine:RateLimits:AccountAttempts", "3");
        }

        /// <summary>A client that connects to the engine's port itself, from 127.0.0.1, not through nginx.</summary>
        public HttpClient Direct() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Port}/"),
            DefaultRequestHeaders = { Host = Host },
        };

        public override async ValueTask DisposeAsync()
        {
            Nginx.Dispose();
            await base.DisposeAsync();
        }
    }

    private readonly ProxiedEngine _engine;
    public NginxProxyTests(ProxiedEngine engine) => _engine = engine;

    private HttpClient Through(string from) => _engine.Nginx.Client(IPAddress.Parse(from), Host);

    [Fact]
    public async Task Pages_come_over_HTTP2_and_TLS_with_HSTS_and_the_engine_redirects_to_https()
    {
        using var client = Through("127.0.0.1");
        using var home = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact });
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        home.Version.Should().Be(HttpVersion.Version20);
        home.Headers.GetValues("Strict-Transport-Security").Should().Equal("max-age=31536000");
        // The engine sends no Server header; nginx names itself, without its version (server_tokens off).
        home.Headers.GetValues("Server").Should().Equal("nginx");

        // The cookie handler makes its sign-in address absolute, from the scheme and host of the request as it sees it.
        using var admin = await client.GetAsync("/admin");
        admin.StatusCode.Should().Be(HttpStatusCode.Redirect);
        admin.Headers.Location!.ToString().Should().Be($"https://{Host}/account/signin?ReturnUrl=%2Fadmin");

        using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{_engine.Nginx.HttpPort}/") };
        using var insecure = await plain.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ideas?x=1") { Headers = { Host = Host } });
        insecure.StatusCode.Should().Be(HttpStatusCode.MovedPermanently);
        insecure.Headers.Location!.ToString().Should().Be($"https://{Host}/ideas?x=1");
    }

    [Fact]
    public async Task Cookies_set_over_the_proxy_are_secure()
    {
        using var client = Through("127.0.0.5");
        using var form = await client.GetAsync("/account/signin");
        CookieNamed(form, ".engine.antiforgery").Should().MatchRegex("(?i); secure");

        var email = TestEmail.Unique("proxy");
        (await client.PostAsJsonAsync("api/v1/account/register", new { email, password = "correct horse battery", displayName = "Pat Example" }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        using var signIn = await client.PostAsJsonAsync("api/v1/account/signin", new { email, password = "correct horse battery" });
        signIn.StatusCode.Should().Be(HttpStatusCode.OK);
        CookieNamed(signIn, ".engine.signin").Should().MatchRegex("(?i); secure").And.MatchRegex("(?i); httponly");
    }

    [Fact]
    public async Task Headers_sent_straight_to_the_engine_are_ignored()
    {
        using var client = _engine.Direct();
        HttpRequestMessage Forged(string path) => new(HttpMethod.Get, path) { Headers = { { "X-Forwarded-Proto", "https" }, { "X-Forwarded-For", "203.0.113.9" } } };

        using var home = await client.SendAsync(Forged("/"));
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        home.Headers.Contains("Strict-Transport-Security").Should().BeFalse("the request did not come over HTTPS, whatever its headers say");
        using var form = await client.SendAsync(Forged("/account/signin"));
        CookieNamed(form, ".engine.antiforgery").Should().StartWith(".engine.antiforgery=").And.NotMatchRegex("(?i); secure");
        using var admin = await client.SendAsync(Forged("/admin"));
        admin.Headers.Location!.ToString().Should().StartWith($"http://{Host}");
    }

    [Fact]
    public async Task Rate_limits_count_per_client_as_the_proxy_saw_it_and_a_forged_address_changes_nothing()
    {
        using (var first = Through("127.0.0.3"))
        {
            (await WrongSignInsAsync(first, 4)).Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
        }
        using (var second = Through("127.0.0.4"))
        {
            (await WrongSignInsAsync(second, 1)).Should().Equal([HttpStatusCode.Unauthorized], "another client behind the same proxy has attempts of its own");
        }
        // Each attempt claims another address: nginx replaces the header, and straight to the engine it is not believed.
        using (var forging = Through("127.0.0.6"))
        {
            (await WrongSignInsAsync(forging, 4, forge: true)).Last().Should().Be(HttpStatusCode.TooManyRequests);
        }
        using (var direct = _engine.Direct())
        {
            (await WrongSignInsAsync(direct, 4, forge: true)).Last().Should().Be(HttpStatusCode.TooManyRequests);
        }
    }

    [Fact]
    public async Task The_proxy_takes_the_largest_body_the_engine_does_and_refuses_bigger()
    {
        var documented = BodyLimit().Match(NginxProxy.DocumentedSite());
        documented.Success.Should().BeTrue("the documented config sets client_max_body_size");
        (long.Parse(documented.Groups[1].Value) * 1024 * 1024).Should().BeGreaterThanOrEqualTo(Uploads.RequestLimit, "an ideas import must get through");

        using var client = Through("127.0.0.7");
        // Expect: 100-continue, so nginx answers before the body is sent instead of cutting the upload off halfway.
        using var upload = new HttpRequestMessage(HttpMethod.Post, "api/v1/account/signin")
        {
            Content = new ByteArrayContent(new byte[(long.Parse(documented.Groups[1].Value) + 1) * 1024 * 1024]),
            Headers = { ExpectContinue = true },
        };
        using var tooBig = await client.SendAsync(upload);
        tooBig.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    private static async Task<List<HttpStatusCode>> WrongSignInsAsync(HttpClient client, int times, bool forge = false)
    {
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/account/signin") { Content = JsonContent.Create(new { email = "nobody@example.nhs.uk", password = "wrong password" }) };
            if (forge) request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            using var response = await client.SendAsync(request);
            codes.Add(response.StatusCode);
        }
        return codes;
    }

    private static string CookieNamed(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.SingleOrDefault(c => c.StartsWith(name + "=")) ?? "" : "";

    [GeneratedRegex(@"client_max_body_size\s+(\d+)m;")]
    private static partial Regex BodyLimit();
}
