using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engine.Web.Tests;

/// <summary>
/// The OpenAPI document at /api/v1/openapi.json, read as a client generator would: only the API is in it, every route
/// says what its answers carry, and what a route really answers, refusals included, is what the document says it may.
/// </summary>
public sealed class ApiDocumentTests(EngineApp app) : IClassFixture<EngineApp>
{
    private async Task<JsonElement> DocumentAsync()
    {
        using var visitor = app.Visit("alpha.test");
        return await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/openapi.json");
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (path.Name, operation.Name.ToUpperInvariant(), operation.Value)));

    private static IReadOnlyList<string> Statuses(JsonElement document, string path, string method)
    {
        document.GetProperty("paths").TryGetProperty(path, out var item).Should().BeTrue($"{path} is in the document");
        item.TryGetProperty(method.ToLowerInvariant(), out var operation).Should().BeTrue($"{method} {path} is in the document");
        return operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
    }

    [Fact]
    public async Task The_document_holds_the_api_and_none_of_the_sites_pages_and_forms()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/v1/challenges", "/api/v1/ideas/{id}/vote", "/api/v1/admin/settings"]);
        paths.Should().OnlyContain(p => p.StartsWith("/api/v1/"), "the site's pages and form posts answer browsers with HTML");
        paths.Should().NotContain(["/", "/ideas/{id}", "/ideas/{id}/vote", "/challenges/{slug}/ideas", "/account/signin"]);
    }

    [Fact]
    public async Task Every_route_lists_a_success_and_every_answer_with_a_body_describes_it()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = Operations(document).ToList();
        operations.Should().HaveCountGreaterThan(50);
        foreach (var (path, method, operation) in operations)
        {
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            responses.Should().Contain(r => r.Name.StartsWith('2'), $"{method} {path} says what it answers when it works");
            foreach (var response in responses)
            {
                if (response.Name.StartsWith('2') && response.Name != "204")
                    response.Value.TryGetProperty("content", out _).Should().BeTrue($"{method} {path} says what its {response.Name} carries");
                if (!response.Value.TryGetProperty("content", out var content)) continue;
                foreach (var media in content.EnumerateObject())
                {
                    media.Value.TryGetProperty("schema", out var schema).Should().BeTrue($"{method} {path} {response.Name} {media.Name} has a schema");
                    Describes(schema, schemas).Should().BeTrue($"the schema of {method} {path} {response.Name} {media.Name} is not an empty object: {schema}");
                }
            }
        }
    }

    /// <summary>A schema that says something: a type other than a bare object, properties, items, or a reference to such a schema.</summary>
    private static bool Describes(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            return schemas.TryGetProperty(reference.GetString()!.Split('/').Last(), out var target) && Describes(target, schemas);
        if (schema.TryGetProperty("properties", out var properties)) return properties.EnumerateObject().Any();
        if (schema.TryGetProperty("items", out var items)) return Describes(items, schemas);
        foreach (var combined in new[] { "allOf", "anyOf", "oneOf" })
            if (schema.TryGetProperty(combined, out var parts)) return parts.EnumerateArray().All(p => Describes(p, schemas));
        return schema.TryGetProperty("type", out var type) && type.ToString() != "object";
    }

    [Fact]
    public async Task Every_route_answers_a_visitor_who_is_not_signed_in_only_as_its_document_says()
    {
        var document = await DocumentAsync();
        using var visitor = app.Visit("alpha.test");
        await visitor.UseAntiforgeryHeaderAsync();
        // The system API is served on the system host only (SystemAdmin.SystemAdminTests); on a site's host it does not exist.
        foreach (var (path, method, _) in Operations(document).Where(o => !o.Path.StartsWith("/api/v1/system/")))
        {
            var url = path.TrimStart('/').Replace("{id}", "1").Replace("{ideaId}", "1").Replace("{slug}", "waiting-well")
                .Replace("{dataset}", "ideas").Replace("{format}", "csv");
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT") request.Content = JsonContent.Create(new { });
            using var response = await visitor.Http.SendAsync(request);
            Statuses(document, path, method).Should().Contain(((int)response.StatusCode).ToString(),
                $"{method} {path} answered {(int)response.StatusCode} ({await response.Content.ReadAsStringAsync()}), so its document lists it");
        }
    }

    [Fact]
    public async Task What_a_route_answers_is_an_answer_its_document_lists()
    {
        var document = await DocumentAsync();
        using var visitor = app.Visit("alpha.test");
        var (member, _) = await app.MemberAsync("alpha.test", "member");
        var (admin, _) = await app.MemberAsync("alpha.test", "admin", "Ada Admin");
        var (withoutHeader, _) = await app.MemberAsync("alpha.test", "member");
        withoutHeader.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var idea = await member.PostIdeaAsync();
        using (member)
        using (admin)
        using (withoutHeader)
        {
            var answers = new (string Method, string Path, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Expected)[]
            {
                ("GET", "/api/v1/ideas/{id}", () => visitor.Http.GetAsync($"api/v1/ideas/{idea}"), HttpStatusCode.OK),
                ("GET", "/api/v1/ideas/{id}", () => visitor.Http.GetAsync("api/v1/ideas/987654321"), HttpStatusCode.NotFound),
                ("PUT", "/api/v1/ideas/{id}/vote", () => member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 }), HttpStatusCode.OK),
                ("PUT", "/api/v1/ideas/{id}/vote", () => member.Http.PutAsJsonAsync("api/v1/ideas/987654321/vote", new { value = 1 }), HttpStatusCode.NotFound),
                ("PUT", "/api/v1/ideas/{id}/vote", () => member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 7 }), HttpStatusCode.BadRequest),
                ("PUT", "/api/v1/ideas/{id}/vote", () => visitor.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 }), HttpStatusCode.Unauthorized),
                ("PUT", "/api/v1/ideas/{id}/vote", () => member.Http.PutAsync($"api/v1/ideas/{idea}/vote", new StringContent("{\"value\": ", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest),
                ("PUT", "/api/v1/ideas/{id}/vote", () => member.Http.PutAsync($"api/v1/ideas/{idea}/vote", new StringContent("value=1", System.Text.Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType),
                ("POST", "/api/v1/account/signout", () => withoutHeader.Http.PostAsJsonAsync("api/v1/account/signout", new { everywhere = false }), HttpStatusCode.BadRequest),
                ("DELETE", "/api/v1/ideas/{id}/vote", () => member.Http.DeleteAsync("api/v1/ideas/987654321/vote"), HttpStatusCode.NotFound),
                ("POST", "/api/v1/ideas/{id}/comments", () => member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Yes, please." }), HttpStatusCode.Created),
                ("POST", "/api/v1/ideas/{id}/comments", () => member.Http.PostAsJsonAsync("api/v1/ideas/987654321/comments", new { body = "Yes, please." }), HttpStatusCode.NotFound),
                ("GET", "/api/v1/challenges/{slug}/ideas", () => visitor.Http.GetAsync("api/v1/challenges/no-such-challenge/ideas"), HttpStatusCode.NotFound),
                ("GET", "/api/v1/challenges/{slug}/ideas", () => visitor.Http.GetAsync("api/v1/challenges/waiting-well/ideas?sort=sideways"), HttpStatusCode.BadRequest),
                ("POST", "/api/v1/challenges/{slug}/ideas", () => member.Http.PostAsJsonAsync("api/v1/challenges/no-such-challenge/ideas", new { title = "A good title", body = "A body." }), HttpStatusCode.NotFound),
                ("POST", "/api/v1/challenges/{slug}/ideas", () => member.Http.PostAsJsonAsync("api/v1/challenges/last-year/ideas", new { title = "A good title", body = "A body." }), HttpStatusCode.Forbidden),
                ("GET", "/api/v1/challenges/{slug}/stats", () => visitor.Http.GetAsync("api/v1/challenges/no-such-challenge/stats"), HttpStatusCode.NotFound),
                ("GET", "/api/v1/search", () => visitor.Http.GetAsync($"api/v1/search?q={new string('q', 500)}"), HttpStatusCode.BadRequest),
                ("POST", "/api/v1/ideas/{id}/report", () => member.Http.PostAsJsonAsync("api/v1/ideas/987654321/report", new { reason = "Rude" }), HttpStatusCode.NotFound),
                ("POST", "/api/v1/account/signin", () => visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email = "nobody@example.test", password = "wrong password here" }), HttpStatusCode.Unauthorized),
                ("POST", "/api/v1/account/register", () => visitor.Http.PostAsJsonAsync("api/v1/account/register", new { email = "not an address", password = "correct horse battery", displayName = "Pat" }), HttpStatusCode.BadRequest),
                ("DELETE", "/api/v1/account/tokens/{id}", () => member.Http.DeleteAsync("api/v1/account/tokens/987654321"), HttpStatusCode.NotFound),
                ("PUT", "/api/v1/ideas/{id}/follow", () => member.Http.PutAsync("api/v1/ideas/987654321/follow", null), HttpStatusCode.NotFound),
                ("GET", "/api/v1/admin/settings/rules", () => member.Http.GetAsync("api/v1/admin/settings/rules"), HttpStatusCode.Forbidden),
                ("GET", "/api/v1/admin/settings/challenges/{slug}", () => admin.Http.GetAsync("api/v1/admin/settings/challenges/no-such-challenge"), HttpStatusCode.NotFound),
                ("POST", "/api/v1/admin/challenges/{slug}/archive", () => admin.Http.PostAsync("api/v1/admin/challenges/no-such-challenge/archive", null), HttpStatusCode.NotFound),
                ("PUT", "/api/v1/admin/members/{id}/role", () => admin.Http.PutAsJsonAsync("api/v1/admin/members/987654321/role", new { role = "champion" }), HttpStatusCode.NotFound),
            };
            foreach (var (method, path, send, expected) in answers)
            {
                using var response = await send();
                response.StatusCode.Should().Be(expected, $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
                Statuses(document, path, method).Should().Contain(((int)expected).ToString(), $"{method} {path} answers {(int)expected}, so its document lists it");
            }
        }
    }
}
