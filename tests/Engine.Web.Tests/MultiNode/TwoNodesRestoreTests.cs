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
public sealed class TwoNodesRestoreTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-two-nodes-restore", Guid.NewGuid().ToString("N"));
    private string Tenants => Path.Combine(_root, "tenants");
    private string Data => Path.Combine(_root, "data");
    private string _database = null!;
    private EngineProcess _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        var tenant = EngineApp.Tenant("alpha", "Alpha", ["127.0.0.1"], anonymous: false, downVotes: false);
        Directory.CreateDirectory(Path.Combine(Tenants, "alpha"));
        await File.WriteAllTextAsync(Path.Combine(Tenants, "alpha", "tenant.json"), JsonSerializer.Serialize(tenant));
        _database = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string> { ["Engine__Storage__Postgres"] = _database };
        _a = await EngineProcess.StartAsync(Tenants, Data, settings);
        _b = await EngineProcess.StartAsync(Tenants, Data, settings);
    }

    public async Task DisposeAsync()
    {
        if (_a is not null) await _a.DisposeAsync();
        if (_b is not null) await _b.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_database);
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
    public async Task Both_nodes_show_a_restored_tenant_at_once_numbers_included()
    {
        await TwoNodesTests.RegisterAsync(_a, "author@example.nhs.uk");
        using var author = await TwoNodesTests.WithTokenAsync(_a, "author@example.nhs.uk");
        var kept = await PostAsync(author, "An idea in the backup");
        var backup = Path.Combine(_root, "alpha-backup.json");
        await RunAsync("tenant", "export", "alpha", backup);
        var lost = await PostAsync(author, "An idea after the backup");
        using var onA = TwoNodesTests.Client(_a);
        using var onB = TwoNodesTests.Client(_b);
        // Both nodes have counted (and keep) the numbers, and B has the later idea's page, before the restore.
        foreach (var node in new[] { onA, onB }) (await IdeasCountedAsync(node)).Should().Be(2);
        (await onB.GetAsync($"api/v1/ideas/{lost}")).StatusCode.Should().Be(HttpStatusCode.OK);

        await RunAsync("tenant", "delete", "alpha", "--confirm");
        await RunAsync("tenant", "import", backup);

        foreach (var node in new[] { onA, onB })
        {
            await Eventually(async () => await IdeasCountedAsync(node) == 1, "the restored numbers shown");
            (await node.GetAsync($"api/v1/ideas/{lost}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the idea after the backup is gone");
            (await node.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{kept}")).GetProperty("title").GetString().Should().Be("An idea in the backup");
            (await node.GetStringAsync("challenges/waiting-well")).Should().Contain("An idea in the backup").And.NotContain("An idea after the backup");
        }
        (await PostAsync(author, "An idea after the restore")).Should().Be(lost, "ids carry on from the backup's");
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
