using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Engine.Core.Members;
using Engine.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Security;

/// <summary>
/// Every API endpoint the engine maps (found from its routing table, so new ones are fuzzed without
/// anyone remembering to add them), sent random and malformed JSON by a visitor and by an admin:
/// no answer is a 500, and afterwards the stored data is whole (counters equal the rows they count,
/// SQLite's integrity check passes). Seeded, so a failure names a request that can be replayed.
/// </summary>
public sealed class ApiFuzzTests(EngineApp app) : IClassFixture<EngineApp>
{
    private const int Seed = 20261122, BodiesPerEndpoint = 10;

    private static readonly string[] Fields =
    [
        "title", "body", "value", "reason", "role", "status", "note", "memberId", "slugs", "anonymous", "parentId", "official",
        "opensAt", "closesAt", "state", "slug", "description", "email", "password", "displayName", "anonymousPosting", "downVotes",
        "id", "name", "hosts", "theme", "rule", "settings", "stage", "summary",
    ];

    [Fact]
    public async Task Random_and_malformed_requests_to_every_api_endpoint_never_get_a_500_and_leave_the_data_whole()
    {
        var (admin, adminId) = await app.MemberAsync("beta.test", Roles.Admin, "Fuzz Admin");
        var (member, _) = await app.MemberAsync("beta.test", Roles.Member, "Fuzz Member");
        var idea = await member.PostIdeaAsync();
        var comment = await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "A comment to fuzz", anonymous = false });
        var commentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var visitor = app.Visit("beta.test");
        await visitor.UseAntiforgeryHeaderAsync();

        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;
        foreach (var (method, template) in Endpoints())
            for (var i = 0; i < BodiesPerEndpoint; i++)
            {
                var path = Fill(template, random, idea, commentId, adminId);
                var (body, contentType) = Body(random);
                var who = i % 3 == 0 ? visitor : i % 3 == 1 ? member : admin;
                using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'))
                {
                    Content = method is "GET" or "DELETE" && i % 2 == 0 ? null : new ByteArrayContent(body) { Headers = { { "Content-Type", contentType } } },
                };
                var response = await who.Http.SendAsync(request);
                sent++;
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{method} {path} ({contentType}) {Encoding.UTF8.GetString(body)[..Math.Min(200, body.Length)]} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

        sent.Should().BeGreaterThan(200, "the routing table should offer dozens of API endpoints");
        failures.Should().BeEmpty($"seed {Seed}:\n" + string.Join("\n", failures));
        await DataIsWholeAsync();
    }

    /// <summary>The API routes and their methods, from the engine's own routing table.</summary>
    private List<(string Method, string Template)> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) && !raw.Contains("{*"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct().OrderBy(e => e.Item2, StringComparer.Ordinal).ThenBy(e => e.m, StringComparer.Ordinal).ToList();

    private static string Fill(string template, Random random, long idea, long comment, long member)
    {
        string Id(string name) => random.Next(4) switch
        {
            0 => name.Contains("comment", StringComparison.OrdinalIgnoreCase) || template.Contains("/comments/") ? $"{comment}" : template.Contains("/members/") ? $"{member}" : $"{idea}",
            1 => "-1",
            2 => $"{long.MaxValue}",
            _ => $"{random.Next(1, 1000)}",
        };
        return System.Text.RegularExpressions.Regex.Replace(template, "\\{([a-zA-Z]+)(:[a-z]+)?\\}", m =>
            m.Groups[2].Value == ":long" ? Id(m.Groups[1].Value)
            : random.Next(3) switch { 0 => "waiting-well", 1 => "alpha", _ => Uri.EscapeDataString(Junk(random).Replace("\0", "")).Replace("%2500", "") });
    }

    private static (byte[] Body, string ContentType) Body(Random random) => random.Next(10) switch
    {
        0 => ("{\"title\": \"unterminated"u8.ToArray(), "application/json"),
        1 => ([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d], "application/json"),
        2 => (Encoding.UTF8.GetBytes(new string('[', 300) + new string(']', 300)), "application/json"),
        3 => ("title=form&body=encoded"u8.ToArray(), "application/x-www-form-urlencoded"),
        4 => (Array.Empty<byte>(), "application/json"),
        5 => (Encoding.UTF8.GetBytes(Value(random, 0)?.ToJsonString() ?? "null"), "application/json"),
        _ => (Encoding.UTF8.GetBytes(RandomObject(random, 0).ToJsonString()), "application/json"),
    };

    private static JsonObject RandomObject(Random random, int depth)
    {
        var json = new JsonObject();
        foreach (var field in Fields.OrderBy(_ => random.Next()).Take(random.Next(1, 8)))
            json[field] = Value(random, depth + 1);
        return json;
    }

    private static JsonNode? Value(Random random, int depth) => random.Next(depth > 3 ? 9 : 12) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-3, 4)),
        3 => JsonValue.Create(long.MinValue),
        4 => JsonValue.Create(1e308),
        5 => JsonValue.Create(Junk(random)),
        6 => JsonValue.Create(new string('x', random.Next(2) == 0 ? 10_001 : 200_000)),
        7 => JsonValue.Create("2026-13-45T99:00:00Z"),
        8 => JsonValue.Create(""),
        9 => new JsonArray(Value(random, depth + 1), Value(random, depth + 1)),
        _ => RandomObject(random, depth),
    };

    private static string Junk(Random random) => random.Next(6) switch
    {
        0 => "<script>alert(1)</script>",
        1 => "'; DROP TABLE ideas; --",
        2 => "\u202e\u0000\ud83d\ude00 \t\r\n",
        3 => "../../etc/passwd",
        4 => "%00%2e%2e",
        _ => Guid.NewGuid().ToString(),
    };

    private async Task DataIsWholeAsync()
    {
        var database = app.Services.GetRequiredService<Engine.Data.Database>();
        await using var db = database.OpenReader();
        if (database.Dialect == Engine.Data.SqlDialect.Sqlite)
        {
            (await db.ExecuteScalarAsync<string>("PRAGMA integrity_check")).Should().Be("ok");
            (await db.ExecuteScalarAsync<long>("PRAGMA foreign_key_check")).Should().Be(0);
        }
        var drift = await db.ExecuteScalarAsync<long>(Durability.StoredCounters.IdeasOutOfStep);
        drift.Should().Be(0, "every idea's counters still equal the rows they count");
    }
}
