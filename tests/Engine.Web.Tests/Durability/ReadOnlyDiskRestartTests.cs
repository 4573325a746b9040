using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Engine.Web.Tests.Durability;

/// <summary>
/// The engine restarted while its data disk is read-only (an orchestrator restarting it during the outage):
/// SQLite can then open the database only read-only, and a connection opened so stays read-only after the
/// disk is fixed. The engine serves reads, refuses writes clearly, and saves again once the disk is writable,
/// without another restart.
/// </summary>
// SQLite's own durability (its file, its disk): not run again in the PostgreSQL run (build.cake filters it out).
[Trait("Store", "Sqlite")]
public sealed class ReadOnlyDiskRestartTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-read-only-tests", Guid.NewGuid().ToString("N"));
    private string Tenants => Path.Combine(_root, "tenants");
    private string Data => Path.Combine(_root, "data");

    public Task InitializeAsync()
    {
        var tenant = EngineApp.Tenant("site", "Read-only site", ["127.0.0.1"], anonymous: true, downVotes: true);
        Directory.CreateDirectory(Path.Combine(Tenants, "site"));
        File.WriteAllText(Path.Combine(Tenants, "site", "tenant.json"), JsonSerializer.Serialize(tenant));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        ReadOnlyDisk.Restore(Data);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_engine_started_on_a_read_only_disk_serves_reads_refuses_writes_and_saves_once_the_disk_is_writable_without_a_restart()
    {
        string token;
        long idea;
        await using (var first = await EngineProcess.StartAsync(Tenants, Data))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{first.Port}/") };
            (await client.PostAsJsonAsync("api/v1/account/register", new { email = "pat@example.nhs.uk", password = "correct horse battery", displayName = "Pat" }))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
            var tokens = await client.PostAsJsonAsync("api/v1/account/tokens", new { email = "pat@example.nhs.uk", password = "correct horse battery" });
            token = (await tokens.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var posted = await client.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Written before the disk failed", body = "b", anonymous = false });
            idea = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        } // killed, as an orchestrator would when the node misbehaves

        ReadOnlyDisk.Set(Data, readOnly: true);
        EngineProcess engine;
        try
        {
            engine = await EngineProcess.StartAsync(Tenants, Data);
        }
        catch
        {
            ReadOnlyDisk.Set(Data, readOnly: false);
            throw;
        }
        await using var _ = engine;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{engine.Port}/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        try
        {
            (await http.GetAsync($"api/v1/ideas/{idea}")).StatusCode.Should().Be(HttpStatusCode.OK, "what was saved can be read from a read-only disk");
            foreach (var attempt in new[] { 1, 2 })
            {
                var refused = await http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 });
                refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, $"vote {attempt} cannot be saved: {engine.Output}");
                refused.Headers.RetryAfter.Should().NotBeNull();
                (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Contain("Nothing was saved");
            }
            (await http.GetStringAsync("/healthz")).Should().Be("Degraded");
        }
        finally
        {
            ReadOnlyDisk.Set(Data, readOnly: false);
        }

        // The disk is fixed; the engine is not restarted.
        var saved = await http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 });
        saved.StatusCode.Should().Be(HttpStatusCode.OK, $"the engine must open its database for writing again by itself: {await saved.Content.ReadAsStringAsync()}\n{engine.Output}");
        var comment = await http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Saved once the disk is back", anonymous = false });
        comment.StatusCode.Should().Be(HttpStatusCode.Created);
        var read = await http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        read.GetProperty("up").GetInt32().Should().Be(1);
        (await http.GetStringAsync("/healthz")).Should().Be("Healthy");
    }
}
