using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// With no proxy configured (Engine:Proxy), nobody may say a request came over HTTPS or from another address: not even
/// with ASPNETCORE_FORWARDEDHEADERS_ENABLED set, which on its own makes the framework believe those headers from anyone.
/// </summary>
public sealed class UntrustedForwardingTests
{
    private sealed class WithFrameworkSwitch : EngineApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("FORWARDEDHEADERS_ENABLED", "true");
        }
    }

    [Fact]
    public async Task Without_a_configured_proxy_forwarded_headers_change_nothing()
    {
        await using var app = new EngineApp();
        await ExpectPlainHttpAsync(app);
    }

    [Fact]
    public async Task The_frameworks_switch_does_not_make_anyone_a_proxy()
    {
        await using var app = new WithFrameworkSwitch();
        await ExpectPlainHttpAsync(app);
    }

    private static async Task ExpectPlainHttpAsync(EngineApp app)
    {
        using var visitor = app.Visit("alpha.test");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin")
        {
            Headers = { { "X-Forwarded-Proto", "https" }, { "X-Forwarded-For", "203.0.113.9" } },
        };
        using var response = await visitor.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().StartWith("http://alpha.test/", "the request came over plain HTTP, whatever its headers say");
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }
}
