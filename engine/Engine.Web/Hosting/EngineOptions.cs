namespace Engine.Web.Hosting;

/// <summary>Where the engine finds its tenants, themes, front-end packages and data. Relative paths are from the content root.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    public string TenantsPath { get; set; } = "tenants";
    public string ThemesPath { get; set; } = "themes";
    public string FrontEndPath { get; set; } = "node_modules";
    public string DataPath { get; set; } = "data";
    /// <summary>How often the tenants folder is checked for added, changed or removed tenants.</summary>
    public TimeSpan TenantScanInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Where built plugins are: one folder each, with plugin.json and the assemblies beside it or in its bin/.</summary>
    public string PluginsPath { get; set; } = "plugins";
    /// <summary>Swap a plugin in when its files change, without a restart. On in Development; restart in production.</summary>
    public bool PluginHotReload { get; set; }
    public TimeSpan PluginScanInterval { get; set; } = TimeSpan.FromMilliseconds(400);
    /// <summary>How long any one call into plugin code may take before it counts as failed.</summary>
    public TimeSpan RuleBudget { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>What happens to rules that keep failing or overrunning: threads per plugin, switching off, the log.</summary>
    public Engine.Plugins.Rules.RuleContainmentOptions RuleContainment { get; set; } = new();
    /// <summary>Fills sample tenants with demo members, ideas and votes. Honoured only in Development.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// How often, at most, a site's or challenge's headline numbers are counted again after writes (they are on
    /// every home and challenge page). Zero: after every write. A vote storm then costs one count per interval.
    /// </summary>
    public TimeSpan NumbersRecountEvery { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Lets any page be asked for in the pseudo-locale (<c>?lang=qps</c>, see <see cref="Engine.Themes.Languages.PseudoLocale"/>),
    /// for developers and the browser tests to see words left out of the catalogues. Never in a site's language switch.
    /// </summary>
    public bool PseudoLocale { get; set; }

    /// <summary>Which database the engine keeps its data in.</summary>
    public StorageOptions Storage { get; set; } = new();

    public string Resolve(string contentRoot, string path) => Path.GetFullPath(Path.Combine(contentRoot, path));
}

/// <summary>
/// SQLite in the data folder unless a PostgreSQL connection string is given (Engine:Storage:Postgres,
/// or the environment variable Engine__Storage__Postgres), which several engine nodes can share.
/// </summary>
public sealed class StorageOptions
{
    public string? Postgres { get; set; }

    /// <summary>
    /// Bring the schema up to date as the engine starts (Engine:Storage:MigrateOnStart). With several nodes, set it false
    /// and run <c>dotnet Engine.Web.dll migrate</c> once before starting the new release: a node then refuses to start
    /// on a schema other than its own, rather than changing it under the others.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;
}
