using Engine.Web.Hosting;

namespace Engine.Browser.Tests;

/// <summary>
/// What a browser gets from Kestrel itself on a real port (the in-memory test server adds no Server header, so only
/// here can its absence be checked): the security headers on pages, files and the API of every theme, and no Server.
/// </summary>
[Collection("journeys")]
public sealed class HeadersOnPortTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("base", "/")]
    [InlineData("nhs", "/account/signin")]
    [InlineData("london", "/api/v1/challenges")]
    [InlineData("nhs", "/theme/favicon.svg")]
    [InlineData("base", "/no-such-page")]
    public async Task Kestrel_names_no_server_and_every_answer_carries_the_security_headers(string theme, string path)
    {
        var site = EngineServer.For(theme);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{fixture.Engine.Port}{path}");
        request.Headers.Host = site.Host;
        using var response = await http.SendAsync(request);
        ((int)response.StatusCode).Should().BeOneOf(200, 404);
        response.Headers.Contains("Server").Should().BeFalse($"{path} on {site.Host} must not name its server");
        foreach (var (name, value) in SecurityHeaders.All)
            (response.Headers.TryGetValues(name, out var sent) ? sent.ToList() : []).Should().Equal([value], $"{path} on {site.Host} must carry {name}");
    }
}
