using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Security;

/// <summary>
/// Every API endpoint that reads a JSON body, called with another Content-Type: the answer is 415 with a problem
/// detail naming the type it reads, never 404 "There is no such API endpoint", which sends people looking for a
/// typo in an address that is right.
/// </summary>
public sealed class ContentTypeTests(EngineApp app) : IClassFixture<EngineApp>
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task A_json_endpoint_called_with_the_wrong_content_type_answers_415_naming_the_type_it_reads(string contentType)
    {
        using var visitor = app.Visit("alpha.test");
        var failures = new List<string>();
        var endpoints = JsonEndpoints();
        endpoints.Should().HaveCountGreaterThan(20, "the API has dozens of endpoints that read JSON");
        foreach (var (method, template) in endpoints)
        {
            var path = Regex.Replace(template, "\\{([a-zA-Z]+)(:[a-z]+)?\\??\\}", m => m.Groups[2].Value == ":long" ? "1" : "waiting-well");
            using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'))
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"title\": \"An idea\"}")) { Headers = { { "Content-Type", contentType } } },
            };
            var response = await visitor.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.UnsupportedMediaType
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || !text.Contains("application/json", StringComparison.Ordinal)
                || !text.Contains("\"code\":\"problem.unsupported-media-type\"", StringComparison.Ordinal))
                failures.Add($"{method} {path}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
        }
        failures.Should().BeEmpty(string.Join("\n", failures));
    }

    [Fact]
    public async Task An_address_no_endpoint_has_is_still_404()
    {
        using var visitor = app.Visit("alpha.test");
        var response = await visitor.Http.PostAsync("api/v1/no-such-thing", new StringContent("x", Encoding.UTF8, "text/plain"));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Visitor.ProblemAsync(response)).GetProperty("code").GetString().Should().Be("problem.no-such-endpoint");
        // The right address and content type, but an id that is not a number: the route does not match.
        var notANumber = await visitor.Http.PostAsync("api/v1/ideas/abc/comments", new StringContent("x", Encoding.UTF8, "text/plain"));
        notANumber.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_right_address_with_the_wrong_method_answers_405_naming_the_methods_it_takes()
    {
        using var visitor = app.Visit("alpha.test");
        var response = await visitor.Http.GetAsync("api/v1/ideas/1/comments");
        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal("POST");
        var problem = await Visitor.ProblemAsync(response);
        problem.GetProperty("detail").GetString().Should().Contain("POST");
        problem.GetProperty("code").GetString().Should().Be("problem.method-not-allowed");
    }

    private List<(string Method, string Template)> JsonEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // The system API exists only on the system site's hosts, which this app has none of: a tenant's host says 404.
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal)
                && !raw.TrimStart('/').StartsWith("api/v1/system", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("application/json") == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct().ToList();
}
