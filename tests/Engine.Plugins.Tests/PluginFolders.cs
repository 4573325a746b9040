using Engine.Plugins.Loading;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Plugins.Tests;

/// <summary>A scratch plugins folder, filled with copies of the built shipped and test plugins.</summary>
public sealed class PluginFolders : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "engine-plugin-tests", Guid.NewGuid().ToString("N"));

    public PluginFolders() => Directory.CreateDirectory(Root);

    /// <summary>Copies a built plugin (plugin.json and bin/) from plugins/ or tests/TestPlugins/ under a folder name.</summary>
    public string Copy(string plugin, string? asFolder = null)
    {
        var source = new[] { Path.Combine(TestRepository.Root, "plugins", plugin), Path.Combine(TestRepository.Root, "tests", "TestPlugins", plugin) }
            .First(Directory.Exists);
        var target = Path.Combine(Root, asFolder ?? plugin);
        Directory.CreateDirectory(Path.Combine(target, "bin"));
        File.Copy(Path.Combine(source, "plugin.json"), Path.Combine(target, "plugin.json"), overwrite: true);
        foreach (var file in Directory.GetFiles(Path.Combine(source, "bin")))
            File.Copy(file, Path.Combine(target, "bin", Path.GetFileName(file)), overwrite: true);
        foreach (var folder in PluginHash.ThemeFolders.Where(f => Directory.Exists(Path.Combine(source, f))))
        {
            Directory.CreateDirectory(Path.Combine(target, folder));
            foreach (var file in Directory.GetFiles(Path.Combine(source, folder)))
                File.Copy(file, Path.Combine(target, folder, Path.GetFileName(file)), overwrite: true);
        }
        return target;
    }

    public void EditManifest(string folder, Func<string, string> edit)
    {
        var file = Path.Combine(Root, folder, "plugin.json");
        File.WriteAllText(file, edit(File.ReadAllText(file)));
    }

    public PluginCatalog Catalog(TimeSpan? budget = null) =>
        new(Root, budget ?? TimeSpan.FromMilliseconds(300), NullLogger<PluginCatalog>.Instance);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
