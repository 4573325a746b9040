using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Tests.Shared;

/// <summary>
/// The engine hosted for tests, configured by <see cref="TestEngineSettings"/>: its own tenants folder and database
/// in a temp folder; in the PostgreSQL run of a project (ENGINE_TEST_STORE=postgres, see build.cake) its data is in
/// a PostgreSQL database of its own instead of SQLite, created here and dropped afterwards. On the in-memory test
/// server, or, made with onPort, on a real Kestrel port (a browser cannot reach the in-memory server).
/// </summary>
public class TestEngine : WebApplicationFactory<Program>
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "engine-tests", Guid.NewGuid().ToString("N"));
    public string TenantsPath => Path.Combine(Root, "tenants");
    public string DataPath => Path.Combine(Root, "data");
    /// <summary>The engine's own PostgreSQL database in the PostgreSQL run; null on SQLite.</summary>
    public string? Postgres { get; }
    /// <summary>The Kestrel port, once <see cref="Start"/> has started it.</summary>
    public int Port { get; private set; }
    /// <summary>Whether the engine keeps its data in PostgreSQL: in the PostgreSQL run, or where a test needs it.</summary>
    protected virtual bool OnPostgresStore => TestPostgres.IsTheStore;
    protected virtual string Environment => "Production";
    protected virtual bool SeedDemoData => false;
    protected virtual string? TenantsOverride => null;
    /// <summary>Where the engine loads plugins from; by default the repository's built plugins.</summary>
    protected virtual string PluginsPath => Path.Combine(TestRepository.Root, "plugins");
    /// <summary>The SHA-256 hashes on the plugins' allow-list (Production); by default every plugin in <see cref="PluginsPath"/>.</summary>
    protected virtual IEnumerable<string>? AllowedPlugins => null;

    protected TestEngine(bool onPort = false)
    {
        // Port 0: the operating system picks a free port, so parallel runs never collide.
        if (onPort) UseKestrel(0);
        Postgres = OnPostgresStore ? TestPostgres.CreateDatabaseAsync().GetAwaiter().GetResult() : null;
    }

    /// <summary>Writes tenant.json atomically (temp file, then rename), as a deploy tool would.</summary>
    public void WriteTenantJson(string folder, string json)
    {
        var dir = Path.Combine(TenantsPath, folder);
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".tenant.json.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, json);
        File.Move(temp, Path.Combine(dir, "tenant.json"), overwrite: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        UseSettings(builder, TestEngineSettings.For(TenantsOverride ?? TenantsPath, DataPath, Postgres, PluginsPath, SeedDemoData, AllowedPlugins));
    }

    protected static void UseSettings(IWebHostBuilder builder, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    /// <summary>Starts Kestrel (made with onPort) and reads back the port it was given.</summary>
    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Port = new Uri(addresses.First()).Port;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Postgres is not null) await TestPostgres.DropDatabaseAsync(Postgres);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { /* the OS may still hold the database file briefly */ }
    }
}
