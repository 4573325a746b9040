using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Sdk;
using Engine.Tests.Shared;
using Engine.Web.Tests.Durability;

namespace Engine.Web.Tests.MultiNode;

/// <summary>
/// Two real engine processes on one PostgreSQL database, both delivering plugin events (the test-only recording plugin
/// writes each to one file they share): votes sent at once through both nodes reach the handler once each, in the
/// order they committed.
/// </summary>
[Trait("Store", "Both")] // starts its own engines on PostgreSQL: run once, not again in the PostgreSQL run
public sealed class TwoNodesEventsTests : IAsyncLifetime
{
    private const int Voters = 12;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-two-nodes-events", Guid.NewGuid().ToString("N"));
    private string Tenants => Path.Combine(_root, "tenants");
    private string Events => Path.Combine(_root, "events.jsonl");
    private string _database = null!;
    private EngineProcess _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        var tenant = EngineApp.Tenant("alpha", "Alpha", ["127.0.0.1"], anonymous: false, downVotes: false);
        tenant["rules"] = new { events = new[] { new { rule = "recording", settings = new { file = Events } } } };
        Directory.CreateDirectory(Path.Combine(Tenants, "alpha"));
        await File.WriteAllTextAsync(Path.Combine(Tenants, "alpha", "tenant.json"), JsonSerializer.Serialize(tenant));
        _database = await TestPostgres.CreateDatabaseAsync();
        var plugins = Path.Combine(TestRepository.Root, "tests", "TestPlugins");
        var settings = new Dictionary<string, string>
        {
            ["Engine__Storage__Postgres"] = _database,
            ["Engine__PluginsPath"] = plugins,
            // Production loads only allowed plugins: this one is.
            ["Engine__Plugins__Allowed__0"] = Engine.Plugins.Loading.PluginHash.Of(Path.Combine(plugins, "recording"))!,
            ["Engine__Events__PollInterval"] = "00:00:00.050",
        };
        _a = await EngineProcess.StartAsync(Tenants, Path.Combine(_root, "data"), settings);
        _b = await EngineProcess.StartAsync(Tenants, Path.Combine(_root, "data"), settings);
    }

    public async Task DisposeAsync()
    {
        if (_a is not null) await _a.DisposeAsync();
        if (_b is not null) await _b.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_database);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
    }

    [Fact]
    public async Task Votes_sent_through_both_nodes_are_delivered_once_each_in_the_order_they_committed()
    {
        await TwoNodesTests.RegisterAsync(_a, "author@example.nhs.uk");
        using var author = await TwoNodesTests.WithTokenAsync(_a, "author@example.nhs.uk");
        var posted = await author.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Text patients their place in the queue", body = "b", anonymous = false });
        posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        var idea = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var voters = new List<HttpClient>();
        for (var i = 0; i < Voters; i++)
        {
            var node = i % 2 == 0 ? _a : _b;
            await TwoNodesTests.RegisterAsync(node, $"voter{i}@example.nhs.uk");
            voters.Add(await TwoNodesTests.WithTokenAsync(node, $"voter{i}@example.nhs.uk"));
        }

        var votes = await Task.WhenAll(voters.Select(v => v.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })));
        votes.Should().OnlyContain(v => v.StatusCode == HttpStatusCode.OK);

        var stream = $"idea/{idea}";
        var handled = await HandledWhenAsync(stream, Voters + 1);
        handled.Select(l => l.GetProperty("Id").GetString()).Should().OnlyHaveUniqueItems("each event reached the handler once, from one node");
        handled.Select(l => l.GetProperty("Sequence").GetInt64()).Should().Equal(Enumerable.Range(1, Voters + 1).Select(i => (long)i), "in order");
        handled[0].GetProperty("Kind").GetString().Should().Be(EventKinds.IdeaPosted);
        handled.Skip(1).Select(l => l.GetProperty("Up").GetInt32()).Should().Equal(Enumerable.Range(1, Voters), "numbered in the order the votes committed");
        foreach (var voter in voters) voter.Dispose();
    }

    private async Task<List<JsonElement>> HandledWhenAsync(string stream, int count)
    {
        List<JsonElement> Read() => File.Exists(Events)
            ? File.ReadAllLines(Events).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .Where(l => l.GetProperty("outcome").GetString() == "handled" && l.GetProperty("Stream").GetString() == stream).ToList()
            : [];
        var lines = Read();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); lines.Count < count && DateTime.UtcNow < deadline; lines = Read())
            await Task.Delay(100);
        // A moment more, so that a second delivery of any of them would be seen too.
        await Task.Delay(500);
        return Read();
    }
}
