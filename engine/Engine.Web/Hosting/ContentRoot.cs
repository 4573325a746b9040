using Microsoft.Extensions.Configuration.Json;

namespace Engine.Web.Hosting;

/// <summary>
/// Where the engine reads appsettings.json and resolves its relative paths (Engine:TenantsPath and the rest): its own
/// folder, the one Engine.Web.dll is in, whatever the working directory a service manager starts it in, unless the
/// content root is given (--contentRoot or ASPNETCORE_CONTENTROOT). A published folder (dotnet cake --target=Publish)
/// holds tenants/, themes/, plugins/ and node_modules/ beside the engine, which the defaults name.
/// </summary>
public static class ContentRoot
{
    /// <summary>
    /// Written by the build (Engine.Web.csproj) beside the engine built in the repository, never published: the
    /// repository's own tenants, themes, plugins and front-end packages, so `dotnet run` serves them.
    /// </summary>
    public const string RepositoryPathsFile = "repository-paths.json";

    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Given(args) ? null : AppContext.BaseDirectory,
    };

    private static bool Given(string[] args) =>
        args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase)) ||
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT")) ||
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));

    /// <summary>
    /// Reads <see cref="RepositoryPathsFile"/> where there is one, just after appsettings.json: the environment's own
    /// appsettings file, environment variables and the command line still win over it.
    /// </summary>
    public static WebApplicationBuilder UseRepositoryPaths(this WebApplicationBuilder builder)
    {
        var file = Path.Combine(AppContext.BaseDirectory, RepositoryPathsFile);
        if (!File.Exists(file)) return builder;
        var sources = builder.Configuration.Sources;
        var appSettings = sources.Select((s, i) => (s, i)).LastOrDefault(x => x.s is JsonConfigurationSource { Path: "appsettings.json" });
        var source = new JsonConfigurationSource { Path = file, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        sources.Insert(appSettings.s is null ? 0 : appSettings.i + 1, source);
        return builder;
    }
}
