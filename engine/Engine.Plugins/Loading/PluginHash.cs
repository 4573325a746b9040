using System.Security.Cryptography;
using System.Text;
using Engine.Plugins.Manifest;

namespace Engine.Plugins.Loading;

/// <summary>
/// A plugin's SHA-256, what Production's allow-list (Engine:Plugins:Allowed) names: the hash of every file the engine
/// may load from the plugin folder, not just its entry assembly (a swapped dependency must change it too). That is
/// plugin.json plus every file, recursively, in the folder the entry assembly is in (the plugin folder itself, or its
/// bin/) and in its outlets/ and locales/ folders, listed as <c>sha256sum</c> lists them (one "&lt;hex&gt;  &lt;path from
/// the plugin folder&gt;" line each, in ordinal order of the path), and the listing hashed. For a plugin with a bin/ folder
/// an operator gets the same with
/// <c>cd plugins/&lt;id&gt; &amp;&amp; find plugin.json bin outlets locales -type f 2&gt;/dev/null | LC_ALL=C sort | xargs sha256sum | sha256sum</c>.
/// </summary>
public static class PluginHash
{
    /// <summary>A plugin's folders of theme outlets (outlets/) and of their words (locales/).</summary>
    public static readonly IReadOnlyList<string> ThemeFolders = ["outlets", "locales"];

    /// <summary>The hash of a plugin folder, or null when its plugin.json or entry assembly cannot be found.</summary>
    public static string? Of(string folder)
    {
        var (manifest, _) = ManifestReader.Read(folder);
        var entry = manifest is null ? null : PluginLoader.FindEntryAssembly(folder, manifest);
        return entry is null ? null : Of(folder, entry);
    }

    /// <summary>The hashes of every plugin folder in a plugins folder: an allow-list for exactly what is there.</summary>
    public static IReadOnlyList<string> OfEvery(string pluginsFolder) => Directory.Exists(pluginsFolder)
        ? Directory.GetDirectories(pluginsFolder).Order(StringComparer.Ordinal).Select(Of).OfType<string>().ToList()
        : [];

    internal static string Of(string folder, string entryAssembly)
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(entryAssembly)!, "*", SearchOption.AllDirectories)
            .Append(Path.Combine(folder, PluginManifest.FileName))
            // Its templates for the themes' outlets and their words are written on every page of the sites using it.
            .Concat(ThemeFolders.Select(f => Path.Combine(folder, f)).Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d, "*", SearchOption.AllDirectories)))
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Distinct()
            .Order(StringComparer.Ordinal);
        var listing = new StringBuilder();
        foreach (var file in files)
        {
            using var stream = File.OpenRead(Path.Combine(folder, file));
            listing.Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append("  ").Append(file).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
    }
}
