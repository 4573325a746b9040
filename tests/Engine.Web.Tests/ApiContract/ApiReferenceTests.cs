using System.Net;

namespace Engine.Web.Tests.ApiContract;

/// <summary>Scalar's API reference page over the three documents: served to developers (Development), never in Production.</summary>
public sealed class ApiReferenceTests
{
    private sealed class DevelopmentEngine : EngineApp
    {
        protected override string Environment => "Development";
    }

    [Fact]
    public async Task Development_serves_the_reference_page_over_the_three_documents()
    {
        await using var app = new DevelopmentEngine();
        using var visitor = app.Visit("alpha.test");

        using var page = await visitor.Http.GetAsync("api/reference/");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("api/v1/public/openapi.json").And.Contain("api/v1/admin/openapi.json").And.Contain("api/v1/system/openapi.json");
        html.Should().Contain("\"telemetry\":false", "a developer's page reports nothing to Scalar");
        (await visitor.Http.GetAsync("api/reference/scalar.js")).StatusCode.Should().Be(HttpStatusCode.OK, "Scalar's script is served by the engine, not fetched from a CDN");
    }

    [Fact]
    public async Task Production_has_no_reference_page()
    {
        await using var app = new EngineApp();
        using var visitor = app.Visit("alpha.test");

        (await visitor.Http.GetAsync("api/reference/")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await visitor.Http.GetAsync("api/v1/public/openapi.json")).StatusCode.Should().Be(HttpStatusCode.OK, "the documents themselves are served everywhere");
    }
}
