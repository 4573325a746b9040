using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engine.Web.Tests.Durability;

/// <summary>What a storm test starts from: members registered through the API, each with its own bearer
/// token, and ideas on the storm site's challenge spread over them (every other one anonymous).</summary>
internal static class Storm
{
    /// <summary>The storm site (anonymous posting and thumbs-down on, answering on 127.0.0.1) in a tenants folder.</summary>
    public static void WriteSite(string tenantsFolder)
    {
        var tenant = EngineApp.Tenant("storm", "Storm site", ["127.0.0.1"], anonymous: true, downVotes: true);
        Directory.CreateDirectory(Path.Combine(tenantsFolder, "storm"));
        File.WriteAllText(Path.Combine(tenantsFolder, "storm", "tenant.json"), JsonSerializer.Serialize(tenant));
    }

    public static async Task<(List<HttpClient> Clients, List<long> Ideas)> StartAsync(int port, int members, int ideas, TimeSpan timeout)
    {
        var clients = new List<HttpClient>();
        for (var m = 0; m < members; m++)
        {
            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = timeout };
            var email = $"storm{m}@example.nhs.uk";
            (await client.PostAsJsonAsync("api/v1/account/register", new { email, password = "correct horse battery", displayName = $"Storm {m}" }))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
            var token = await client.PostAsJsonAsync("api/v1/account/tokens", new { email, password = "correct horse battery" });
            client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
            clients.Add(client);
        }
        var ids = new List<long>();
        for (var i = 0; i < ideas; i++)
        {
            var response = await clients[i % members].PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = $"Storm idea {i}", body = "b", anonymous = i % 2 == 0 });
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }
        return (clients, ids);
    }
}
