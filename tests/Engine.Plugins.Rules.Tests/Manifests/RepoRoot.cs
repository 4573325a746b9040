namespace Engine.Plugins.Rules.Tests.Manifests;

internal static class RepoRoot
{
    public static string Plugins => Path.Combine(TestRepository.Root, "plugins");

    /// <summary>
    /// Every shipped plugin: a folder under plugins/ with a plugin.json and its source project. A built
    /// plugin a developer dropped in to try (no .csproj) is not ours to check.
    /// </summary>
    public static IEnumerable<string> PluginFolders() => Directory.GetDirectories(Plugins)
        .Where(folder => File.Exists(Path.Combine(folder, "plugin.json")) && Directory.GetFiles(folder, "*.csproj").Length > 0)
        .Order(StringComparer.Ordinal);
}
