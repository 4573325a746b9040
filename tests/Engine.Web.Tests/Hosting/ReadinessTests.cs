using System.Net;
using Dapper;
using Engine.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Engine.Web.Tests.Durability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// Liveness (/healthz/live) and readiness (/healthz/ready) apart, as a load balancer or Kubernetes asks them: ready only
/// once started, while the database answers and until the node starts stopping; on SIGTERM the node stops being ready,
/// keeps serving for Engine:Drain, then stops by itself.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-readiness-tests", Guid.NewGuid().ToString("N"));
    private string Tenants => Path.Combine(_root, "tenants");
    private string Data => Path.Combine(_root, "data");

    public Task InitializeAsync()
    {
        Storm.WriteSite(Tenants);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_serving_engine_is_live_and_ready()
    {
        await using var app = new EngineApp();
        using var client = app.CreateClient();

        (await client.GetStringAsync("/healthz/live")).Should().Be("Healthy");
        (await client.GetStringAsync("/healthz/ready")).Should().Be("Healthy");
        (await client.GetStringAsync("/healthz")).Should().Be("Healthy");
    }

    // The engine's own SQLite, whichever store the run is for: not run again in the PostgreSQL run.
    [Fact, Trait("Store", "Sqlite")]
    public async Task Warming_up_the_engine_is_not_ready_and_once_started_it_is()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(TestEngineSettings.For(Tenants, Data).Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddEngine();
        await using var app = builder.Build();
        app.UseEngine();
        var health = app.Services.GetRequiredService<HealthCheckService>();

        var warming = await health.CheckHealthAsync(check => check.Tags.Contains(Readiness.Tag));
        await app.StartAsync();
        var started = await health.CheckHealthAsync(check => check.Tags.Contains(Readiness.Tag));
        await app.StopAsync();

        warming.Status.Should().Be(HealthStatus.Unhealthy);
        warming.Entries.Values.Single().Description.Should().StartWith("Warming up");
        started.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact, Trait("Store", "Sqlite")]
    public async Task On_SIGTERM_a_node_stops_being_ready_drains_still_serving_then_stops_by_itself()
    {
        // A drain far longer than the checks below take, so they happen inside it on a loaded machine too.
        await using var engine = await EngineProcess.StartAsync(Tenants, Data, new Dictionary<string, string> { ["Engine__Drain"] = "00:00:30" });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{engine.Port}/") };
        (await http.GetAsync("healthz/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        engine.Terminate();

        await WaitUntilAsync(async () => (await http.GetAsync("healthz/ready")).StatusCode == HttpStatusCode.ServiceUnavailable, engine, "readiness fails after SIGTERM");
        engine.HasExited.Should().BeFalse("the node drains before it stops");
        (await http.GetAsync("healthz/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetAsync("api/v1/challenges")).StatusCode.Should().Be(HttpStatusCode.OK, "requests still routed here during the drain are answered");
        (await engine.ExitCodeAsync()).Should().Be(0, engine.Output);
        engine.Output.Should().Contain("draining for 00:00:30");
    }

    // Runs a PostgreSQL server of its own, whichever store the run is for: run once (the PostgreSQL run skips Store=Both).
    [Fact, Trait("Store", "Both")]
    public async Task A_node_is_not_ready_while_its_database_is_down_and_ready_again_once_it_is_back()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using (var admin = new NpgsqlConnection(postgres.ConnectionString()))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync("CREATE DATABASE engine");
        }
        await using var engine = await EngineProcess.StartAsync(Tenants, Data,
            new Dictionary<string, string> { ["Engine__Storage__Postgres"] = postgres.ConnectionString("engine") });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{engine.Port}/") };
        (await http.GetAsync("healthz/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        await postgres.StopServerAsync("fast");
        using (var down = await http.GetAsync("healthz/ready"))
            down.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "no write has failed yet, but the database does not answer");
        (await http.GetAsync("healthz/live")).StatusCode.Should().Be(HttpStatusCode.OK, "restarting the node would not bring the database back");

        await postgres.StartServerAsync();
        await WaitUntilAsync(async () => (await http.GetAsync("healthz/ready")).StatusCode == HttpStatusCode.OK, engine, "ready again once the database is back");
    }

    /// <summary>Asks until the answer comes (a bounded wait, not a measured time); fails if the engine exits first.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, EngineProcess engine, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline && !engine.HasExited; await Task.Delay(100))
            if (await condition()) return;
        throw new Xunit.Sdk.XunitException($"Not so within 60 s: {what}.\n{engine.Output}");
    }
}
