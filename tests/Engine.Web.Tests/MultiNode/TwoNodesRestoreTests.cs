using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Tests.Shared;
using Engine.Web.Hosting;
using Engine.Web.Tests.Durability;
using Microsoft.AspNetCore.Builder;

namespace Engine.Web.Tests.MultiNode;

/// <summary>
/// A tenant restored from its export (tenant delete, then tenant import, run apart from the nodes as an operator runs
/// them) while two engine nodes serve it from one PostgreSQL: both nodes show the restored site, numbers and all, without
/// a write of their own to wake them.
/// </summary>
[Trait("Store", "Both")] // starts its own engines on PostgreSQL: run once, not again in the PostgreSQL run
public sealed class TwoNodesRestoreTests() : RestoreWhileServingTests(nodes: 2, postgres: true);

/// <summary>The same restore beside one engine serving a SQLite file: it shows the restored site without a restart.</summary>
[Trait("Store", "Both")] // starts its own engine on its own SQLite file: run once
public sealed class SqliteRestoreTests() : RestoreWhileServingTests(nodes: 1, postgres: false);

public abstract class RestoreWhileServingTests(int nodes, bool postgres) : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-two-nodes-restore", Guid.NewGuid().ToString("N"));
    private string Tenants => Path.Combine(_root, "tenants");
    private string Data => Path.Combine(_root, "data");
    private string? _database;
    private readonly List<EngineProcess> _nodes = [];

    public async Task InitializeAsync()
    {
        var tenant = EngineApp.Tenant("alpha", "Alpha", ["127.0.0.1"], anonymous: false, downVotes: false);
        Directory.CreateDirectory(Path.Combine(Tenants, "alpha"));
        await File.WriteAllTextAsync(Path.Combine(Tenants, "alpha", "tenant.json"), JsonSerializer.Serialize(tenant));
        if (postgres) _database = await TestPostgres.CreateDatabaseAsync();
        var settings = _database is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Engine__Storage__Postgres"] = _database };
        for (var node = 0; node < nodes; node++) _nodes.Add(await EngineProcess.StartAsync(Tenants, Data, settings));
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        if (_database is not null) await TestPostgres.DropDatabaseAsync(_database);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
    }

    /// <summary>A tenant command as <c>dotnet Engine.Web.dll …</c> runs it beside the nodes, with their settings.</summary>
    private async Task<int> RunAsync(params string[] words)
    {
        var builder = WebApplication.CreateBuilder(TestEngineSettings.For(Tenants, Data, _database).Select(s => $"--{s.Key}={s.Value}").ToArray());
        builder.AddEngine();
        await using var tool = builder.Build();
        using var errors = new StringWriter();
        var code = await StoreCommands.RunAsync(tool.Services, words, TextWriter.Null, errors);
        code.Should().Be(0, errors.ToString());
        return code;
    }

    [Fact]
    public async Task Every_node_shows_a_restored_tenant_without_a_restart_numbers_included()
    {
        var first = _nodes[0];
        await TwoNodesTests.RegisterAsync(first, "author@example.nhs.uk");
        using var author = await TwoNodesTests.WithTokenAsync(first, "author@example.nhs.uk");
        var kept = await PostAsync(author, "An idea in the backup");
        var backup = Path.Combine(_root, "alpha-backup.json");
        await RunAsync("tenant", "export", "alpha", backup);
        var lost = await PostAsync(author, "An idea after the backup");
        var clients = _nodes.Select(n => TwoNodesTests.Client(n)).ToList();
        // Every node has counted (and keeps) the numbers, and the last has the later idea's page, before the restore.
        foreach (var node in clients) (await IdeasCountedAsync(node)).Should().Be(2);
        (await clients[^1].GetAsync($"api/v1/ideas/{lost}")).StatusCode.Should().Be(HttpStatusCode.OK);

        await RunAsync("tenant", "delete", "alpha", "--confirm");
        await RunAsync("tenant", "import", backup);

        foreach (var node in clients)
        {
            await Eventually(async () => await IdeasCountedAsync(node) == 1, "the restored numbers shown");
            (await node.GetAsync($"api/v1/ideas/{lost}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the idea after the backup is gone");
            (await node.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{kept}")).GetProperty("title").GetString().Should().Be("An idea in the backup");
            (await node.GetStringAsync("challenges/waiting-well")).Should().Contain("An idea in the backup").And.NotContain("An idea after the backup");
        }
        (await PostAsync(author, "An idea after the restore")).Should().Be(lost, "ids carry on from the backup's");
        foreach (var client in clients) client.Dispose();
    }

    private static async Task<long> PostAsync(HttpClient author, string title)
    {
        var posted = await author.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title, body = "b", anonymous = false });
        posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<int> IdeasCountedAsync(HttpClient node) =>
        (await node.GetFromJsonAsync<JsonElement>("api/v1/stats")).GetProperty("ideas").GetInt32();

    // A wait for the nodes to hear of the change, not a measure of how fast they do: the bound only ends a test that would hang.
    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{what} did not happen within 30 s");
            await Task.Delay(25);
        }
    }
}
