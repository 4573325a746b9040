namespace Engine.Plugins.Rules.Tests.Manifests;

internal static class RepoRoot
{
    /// <summary>The folder holding Engine.sln, found by walking up from where the tests run.</summary>
    public static string Path { get; } = Find();

    public static string Plugins => System.IO.Path.Combine(Path, "plugins");

    /// <summary>
    /// Every shipped plugin: a folder under plugins/ with a plugin.json and its source project. A built
    /// plugin a developer dropped in to try (no .csproj) is not ours to check.
    /// </summary>
    public static IEnumerable<string> PluginFolders() => Directory.GetDirectories(Plugins)
        .Where(folder => File.Exists(System.IO.Path.Combine(folder, "plugin.json")) && Directory.GetFiles(folder, "*.csproj").Length > 0)
        .Order(StringComparer.Ordinal);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Engine.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Engine.sln above {AppContext.BaseDirectory}");
    }
}
