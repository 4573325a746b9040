namespace Engine.Tests.Shared;

/// <summary>
/// How the tests configure the engine, written once for every way they host it: on a test server or a Kestrel
/// port (<see cref="TestEngine"/>) and as a real process (Engine.Web.Tests' EngineProcess, given them as
/// environment variables). Keys are configuration keys (Engine:Section:Name).
/// </summary>
public static class TestEngineSettings
{
    /// <summary>
    /// The engine on a tenants folder and a data folder (and, where given, a PostgreSQL database) of the test's own,
    /// with the repository's real themes, front-end packages and, unless told otherwise, built plugins. The plugins'
    /// allow-list (honoured in Production) is every plugin in the plugins folder as it is now, unless given.
    /// </summary>
    public static Dictionary<string, string> For(string tenantsPath, string dataPath, string? postgres = null, string? pluginsPath = null, bool seedDemoData = false,
        IEnumerable<string>? allowedPlugins = null)
    {
        pluginsPath ??= Path.Combine(TestRepository.Root, "plugins");
        var settings = new Dictionary<string, string>
        {
            ["Engine:TenantsPath"] = tenantsPath,
            ["Engine:DataPath"] = dataPath,
            ["Engine:ThemesPath"] = Path.Combine(TestRepository.Root, "themes"),
            ["Engine:FrontEndPath"] = Path.Combine(TestRepository.Root, "node_modules"),
            ["Engine:PluginsPath"] = pluginsPath,
            // Tests that change a tenant.json wait for the engine to see it.
            ["Engine:TenantScanInterval"] = "00:00:00.100",
            // Tests check exact numbers right after a write; the recount interval has its own test (StatsQueryTests).
            ["Engine:NumbersRecountEvery"] = "00:00:00",
            // Tests make many requests from one address; RateLimitTests checks the limits themselves.
            ["Engine:RateLimits:AccountAttempts"] = "100000",
            ["Engine:RateLimits:Writes"] = "100000",
            ["Engine:SeedDemoData"] = seedDemoData ? "true" : "false",
        };
        if (postgres is not null) settings["Engine:Storage:Postgres"] = postgres;
        foreach (var (hash, i) in (allowedPlugins ?? Engine.Plugins.Loading.PluginHash.OfEvery(pluginsPath)).Select((h, i) => (h, i)))
            settings[$"Engine:Plugins:Allowed:{i}"] = hash;
        return settings;
    }

    /// <summary>The system site (the deployment's operators) on a host, with its bootstrap administrator.</summary>
    public static Dictionary<string, string> SystemSite(string host, string email, string password) => new()
    {
        ["Engine:System:Hosts:0"] = host,
        ["Engine:System:BootstrapEmail"] = email,
        ["Engine:System:BootstrapPassword"] = password,
    };

    /// <summary>The same settings as environment variables, for an engine process (Engine:Section:Name is Engine__Section__Name).</summary>
    public static IEnumerable<KeyValuePair<string, string>> AsEnvironment(IReadOnlyDictionary<string, string> settings) =>
        settings.Select(s => KeyValuePair.Create(s.Key.Replace(":", "__"), s.Value));
}
