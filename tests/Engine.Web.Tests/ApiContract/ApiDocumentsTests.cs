using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engine.Web.Tests.SystemAdmin;

namespace Engine.Web.Tests.ApiContract;

/// <summary>
/// The three API documents (public, admin, system) as a client developer reads them: each holds its own API, together
/// they are the whole; they are the same on every tenant but for the server; every operation has an id, a description
/// and says how to sign in; fixed choices are enums.
/// </summary>
public sealed class ApiDocumentsTests(SystemSiteApp app) : IClassFixture<SystemSiteApp>
{
    private async Task<JsonElement> DocumentAsync(string host, string path)
    {
        using var visitor = app.Visit(host);
        return await visitor.Http.GetFromJsonAsync<JsonElement>(path);
    }

    private static List<string> Paths(JsonElement document) => document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (path.Name, operation.Name, operation.Value)));

    [Fact]
    public async Task Each_api_has_its_own_document_and_the_three_make_the_whole()
    {
        var all = Paths(await DocumentAsync("alpha.test", "api/v1/openapi.json"));
        var publicApi = Paths(await DocumentAsync("alpha.test", "api/v1/public/openapi.json"));
        var admin = Paths(await DocumentAsync("alpha.test", "api/v1/admin/openapi.json"));
        var system = Paths(await DocumentAsync(SystemAdminTests.Host, "api/v1/system/openapi.json"));

        publicApi.Should().Contain(["/api/v1/challenges", "/api/v1/challenges/{slug}/ideas", "/api/v1/ideas/{id}/vote", "/api/v1/account/tokens"]);
        publicApi.Should().NotContain(p => p.StartsWith("/api/v1/admin/") || p.StartsWith("/api/v1/moderation/") || p.StartsWith("/api/v1/system/"));
        admin.Should().Contain(["/api/v1/admin/settings", "/api/v1/admin/moderation/queue", "/api/v1/moderation/ideas/{id}/reveal"]);
        admin.Should().OnlyContain(p => p.StartsWith("/api/v1/admin/") || p.StartsWith("/api/v1/moderation/"));
        system.Should().Contain("/api/v1/system/tenants").And.OnlyContain(p => p.StartsWith("/api/v1/system/"));
        publicApi.Concat(admin).Concat(system).Should().BeEquivalentTo(all, "every route of the API is in exactly one of the three");
    }

    [Fact]
    public async Task A_document_is_the_same_on_every_tenant_but_for_its_server()
    {
        var alpha = JsonNode.Parse((await DocumentAsync("alpha.test", "api/v1/public/openapi.json")).GetRawText())!.AsObject();
        var gamma = JsonNode.Parse((await DocumentAsync("shared.test", "gamma/api/v1/public/openapi.json")).GetRawText())!.AsObject();

        alpha["servers"]![0]!["url"]!.GetValue<string>().Should().Be("http://alpha.test");
        gamma["servers"]![0]!["url"]!.GetValue<string>().Should().Be("http://shared.test/gamma", "gamma's API is under its path prefix");
        alpha.Remove("servers");
        gamma.Remove("servers");
        JsonNode.DeepEquals(alpha, gamma).Should().BeTrue("apart from the server, one client fits every tenant");
    }

    [Fact]
    public async Task Every_operation_has_a_unique_id_a_description_and_says_how_to_sign_in()
    {
        var document = await DocumentAsync("alpha.test", "api/v1/openapi.json");
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("bearer").GetProperty("scheme").GetString().Should().Be("bearer");
        schemes.GetProperty("cookie").GetProperty("in").GetString().Should().Be("cookie");
        schemes.GetProperty("antiforgeryHeader").GetProperty("name").GetString().Should().Be("X-CSRF-TOKEN");

        var operations = Operations(document).ToList();
        operations.Select(o => o.Operation.GetProperty("operationId").GetString()).Should().OnlyHaveUniqueItems().And.NotContain(id => string.IsNullOrWhiteSpace(id));
        foreach (var (path, method, operation) in operations)
        {
            operation.TryGetProperty("description", out var description).Should().BeTrue($"{method} {path} has a description");
            description.GetString().Should().NotBeNullOrWhiteSpace();
            operation.GetProperty("security").GetArrayLength().Should().BeGreaterThan(0, $"{method} {path} says how to sign in");
        }

        Security(document, "/api/v1/ideas/{id}/vote", "put").Should().BeEquivalentTo(["bearer", "cookie+antiforgeryHeader"], "a write by cookie needs the anti-forgery header");
        Security(document, "/api/v1/account/tokens", "get").Should().BeEquivalentTo(["bearer", "cookie"], "a read by cookie needs no header");
        Security(document, "/api/v1/ideas/{id}", "get").Should().BeEquivalentTo(["", "bearer", "cookie"], "anyone may read an idea; signed in, they see their vote");
    }

    private static IEnumerable<string> Security(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security").EnumerateArray()
            .Select(requirement => string.Join('+', requirement.EnumerateObject().Select(s => s.Name)));

    [Fact]
    public async Task Fixed_choices_are_enums()
    {
        var document = await DocumentAsync("alpha.test", "api/v1/openapi.json");

        Choices(document, "/api/v1/challenges/{slug}/ideas", "get", "sort").Should().Equal("top", "new", "trending", "discussed");
        Choices(document, "/api/v1/admin/exports/{dataset}.{format}", "get", "dataset").Should().Equal("ideas", "comments", "votes", "themes", "big-ideas", "codes");
        Choices(document, "/api/v1/admin/exports/{dataset}.{format}", "get", "format").Should().Equal("csv", "json");
    }

    private static IEnumerable<string?> Choices(JsonElement document, string path, string method, string parameter) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == parameter).GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString());
}
