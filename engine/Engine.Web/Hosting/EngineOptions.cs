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
    /// <summary>Fills sample tenants with demo members, ideas and votes. Honoured only in Development.</summary>
    public bool SeedDemoData { get; set; }

    public string Resolve(string contentRoot, string path) => Path.GetFullPath(Path.Combine(contentRoot, path));
}
