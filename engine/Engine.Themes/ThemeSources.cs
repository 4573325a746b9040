namespace Engine.Themes;

/// <summary>
/// The template sources of one theme chain: base, then each theme built on it, then a tenant's
/// overrides. A file in a later folder wins over the same file in an earlier one.
/// </summary>
public sealed class ThemeSources
{
    private ThemeSources(string name, IReadOnlyList<string> folders, IReadOnlyList<ThemeOutlet> outlets)
    {
        Name = name;
        Folders = folders;
        Outlets = outlets;
        Pages = Collect(folders, "", "*" + CompiledTheme.Extension);
        Partials = Collect(folders, "partials", "*" + CompiledTheme.Extension);
        // Emails keep their extension in the name: "reply.sbn-txt" is the plain text part, "reply.sbn-html" the HTML part.
        Emails = Collect(folders, "emails", "*.sbn-*", keepExtension: true);
        _assetsVersion = new Lazy<string>(() => ContentHash.Of(WinningAssets()));
    }

    private readonly Lazy<string> _assetsVersion;

    /// <summary>
    /// A hash of every asset the chain serves (the file that wins for each name): it goes in the assets' address, so a
    /// browser may keep them for a year and still gets a changed file at once, under a new address.
    /// </summary>
    public string AssetsVersion => _assetsVersion.Value;

    public string Name { get; }
    public IReadOnlyList<string> Folders { get; }
    /// <summary>Page name ("index", "idea", the layout "default") to the file that wins.</summary>
    public IReadOnlyDictionary<string, string> Pages { get; }
    public IReadOnlyDictionary<string, string> Partials { get; }
    /// <summary>The plugins' templates for the theme's outlets, in the order they are written (by plugin id).</summary>
    public IReadOnlyList<ThemeOutlet> Outlets { get; }

    /// <summary>
    /// Where the chain's catalogues are read: the outlets' plugins first (their keys are their own, and a tenant's
    /// overrides may reword them), then the chain's folders.
    /// </summary>
    public IEnumerable<string> CatalogueFolders => Outlets.Select(o => o.PluginFolder).Distinct(StringComparer.Ordinal).Concat(Folders);

    /// <summary>Email templates by file name (<c>layout.sbn-html</c>, <c>reply.sbn-txt</c>) to the file that wins.</summary>
    public IReadOnlyDictionary<string, string> Emails { get; }

    public static ThemeSources Load(string themesRoot, string theme, string? overridesFolder, IReadOnlyList<ThemeOutlet>? outlets = null)
    {
        var chain = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? current = theme; current is not null;)
        {
            var folder = Path.Combine(themesRoot, current);
            if (!Directory.Exists(folder)) throw new ThemeException(folder, $"theme '{current}' does not exist.");
            if (!seen.Add(current)) throw new ThemeException(Path.Combine(folder, ThemeManifest.FileName), $"baseTheme makes a loop through '{current}'.");
            chain.Insert(0, folder);
            current = ThemeManifest.Read(folder).BaseTheme;
        }
        if (overridesFolder is not null && Directory.Exists(overridesFolder)) chain.Add(overridesFolder);
        return new ThemeSources(theme, chain,
            (outlets ?? []).OrderBy(o => o.Plugin, StringComparer.Ordinal).ThenBy(o => o.Place, StringComparer.Ordinal).ToList());
    }

    /// <summary>The file for an asset path, from the folder that wins, or null. Never leaves the assets folders.</summary>
    public string? FindAsset(string relativePath)
    {
        if (relativePath.Length == 0 || relativePath.Contains("..") || Path.IsPathRooted(relativePath)) return null;
        for (var i = Folders.Count - 1; i >= 0; i--)
        {
            var root = Path.GetFullPath(Path.Combine(Folders[i], "assets")) + Path.DirectorySeparatorChar;
            var file = Path.GetFullPath(Path.Combine(root, relativePath));
            if (file.StartsWith(root, StringComparison.Ordinal) && File.Exists(file)) return file;
        }
        return null;
    }

    private IEnumerable<(string Name, string Path)> WinningAssets()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in Folders.Select(f => Path.Combine(f, "assets")).Where(Directory.Exists))
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                files[Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')] = file;
        return files.Select(f => (f.Key, f.Value));
    }

    private static Dictionary<string, string> Collect(IReadOnlyList<string> folders, string sub, string pattern, bool keepExtension = false)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var dir = Path.Combine(folder, sub);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir, pattern).Order(StringComparer.Ordinal))
                files[keepExtension ? Path.GetFileName(file) : Path.GetFileNameWithoutExtension(file)] = file;
        }
        return files;
    }
}
