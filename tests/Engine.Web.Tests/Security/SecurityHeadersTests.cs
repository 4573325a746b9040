using System.Net;
using Engine.Web.Hosting;

namespace Engine.Web.Tests.Security;

/// <summary>
/// OWASP's secure-headers list, on every kind of answer of every site: pages, API, files, errors and health. (That Kestrel
/// names no server is checked on a real port, in the browser tests: the in-memory server never sends the header.)
/// </summary>
public class SecurityHeadersTests(EngineApp app) : IClassFixture<EngineApp>
{
    public static TheoryData<string, string> Answers() => new()
    {
        { "alpha.test", "/" },
        { "alpha.test", "/challenges/waiting-well" },
        { "alpha.test", "/account/signin" },
        { "alpha.test", "/api/v1/challenges" },
        { "alpha.test", "/api/v1/no-such-route" },
        { "alpha.test", "/no-such-page" },
        { "alpha.test", "/theme/base.css" },
        { "beta.test", "/" },
        { "beta.test", "/theme/favicon.svg" },
        { "unknown.test", "/" },
        { "alpha.test", "/healthz" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_carries_the_security_headers(string host, string path)
    {
        using var visitor = app.Visit(host);
        using var response = await visitor.Http.GetAsync(path);
        response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);
        foreach (var (name, value) in SecurityHeaders.All)
        {
            var sent = response.Headers.TryGetValues(name, out var values) ? values.ToList() : [];
            sent.Should().Equal([value], $"{path} on {host} must carry {name}");
        }
    }

    [Fact]
    public void The_policies_allow_no_inline_script_no_framing_and_no_powerful_feature()
    {
        SecurityHeaders.ContentSecurityPolicy.Should().Contain("script-src 'self';").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe");
        foreach (var feature in new[] { "camera", "microphone", "geolocation", "payment", "usb" })
            SecurityHeaders.PermissionsPolicy.Should().Contain($"{feature}=()");
        SecurityHeaders.All.Keys.Should().Contain(["Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy", "Permissions-Policy", "X-Frame-Options"]);
    }
}
