namespace Engine.Themes;

/// <summary>
/// A plugin's template for a named place that every theme leaves for plugins (<see cref="OutletPlaces"/>): the file
/// <c>outlets/&lt;place&gt;.sbn-html</c> in the plugin's folder, written where the theme says <c>{{ outlet 'place' }}</c>
/// for each tenant that uses one of the plugin's rules. It is compiled into the tenant's theme chain, so it is encoded,
/// sandboxed and checked as the theme's own templates are, and may not read a member's own values.
/// </summary>
public sealed record ThemeOutlet(string Place, string Plugin, string File)
{
    public const string Folder = "outlets";

    /// <summary>The plugin's folder: its <c>locales/</c> join the chain's catalogue, under keys <c>plugin.&lt;id&gt;.…</c>.</summary>
    public string PluginFolder => Path.GetDirectoryName(Path.GetDirectoryName(File)!)!;

    /// <summary>Where a plugin's words live in the catalogue, so they can never reword the theme's.</summary>
    public string KeyPrefix => $"{KeysPrefix}{Plugin}.";

    public const string KeysPrefix = "plugin.";

    /// <summary>The outlets in a plugin's folder, by file name; a file for a place no theme has is refused, naming it.</summary>
    public static IReadOnlyList<ThemeOutlet> InFolder(string pluginId, string pluginFolder)
    {
        var folder = Path.Combine(pluginFolder, Folder);
        if (!Directory.Exists(folder)) return [];
        var outlets = new List<ThemeOutlet>();
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var place = Path.GetFileName(file).EndsWith(CompiledTheme.Extension, StringComparison.Ordinal)
                ? Path.GetFileName(file)[..^CompiledTheme.Extension.Length] : null;
            if (place is null || !OutletPlaces.All.Contains(place))
                throw new ThemeException(file, $"an outlet is named after its place, one of {string.Join(", ", OutletPlaces.All.Select(p => p + CompiledTheme.Extension))}.");
            outlets.Add(new ThemeOutlet(place, pluginId, Path.GetFullPath(file)));
        }
        return outlets;
    }
}

/// <summary>The places every theme leaves for plugins, and what a plugin's template there can read.</summary>
public static class OutletPlaces
{
    /// <summary>At the foot of each idea card in a list: <c>idea</c> is the card's idea.</summary>
    public const string IdeaCardFooter = "idea-card-footer";
    /// <summary>Beside an idea on its page: <c>idea</c> is the page's idea.</summary>
    public const string IdeaSidebar = "idea-sidebar";
    /// <summary>Under a challenge's heading on its page: <c>challenge</c> is the page's challenge.</summary>
    public const string ChallengeHeader = "challenge-header";

    public static readonly IReadOnlyList<string> All = [IdeaCardFooter, IdeaSidebar, ChallengeHeader];
}
