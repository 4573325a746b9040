using System.Globalization;
using Engine.Sdk;
using Engine.Themes;
using Engine.Themes.Languages;

namespace Engine.Plugins.Loading;

/// <summary>
/// A plugin's own catalogues, <c>locales/&lt;culture&gt;.json</c> beside its plugin.json (SDK 1.4): the words of its
/// refusals, labels and settings, under keys that start <c>plugin.&lt;id&gt;.</c>, as its outlets' are. Read in the
/// reader's language, else English, else the plugin's own text, so a plugin without catalogues shows what it always did.
/// </summary>
public sealed class PluginWords
{
    private readonly ThemeCatalogue _catalogue;
    private readonly string _prefix;

    private PluginWords(string pluginId, ThemeCatalogue catalogue)
    {
        PluginId = pluginId;
        _prefix = $"plugin.{pluginId}.";
        _catalogue = catalogue;
    }

    /// <summary>Whose catalogues these are: what a stored hold reason names, to be worded again when it is read.</summary>
    public string PluginId { get; }

    /// <summary>The plugin's catalogues, or the first problem in them with the file and line (the plugin is then refused).</summary>
    public static (PluginWords? Words, string? Problem) Load(string folder, string pluginId)
    {
        var files = new List<CatalogueFile>();
        var issues = new List<ThemeIssue>();
        var locales = Path.Combine(folder, ThemeCatalogue.Folder);
        if (Directory.Exists(locales))
            foreach (var path in Directory.EnumerateFiles(locales, "*.json").Order(StringComparer.Ordinal))
                if (CatalogueFile.Read(path, issues) is { } file) files.Add(file);
        if (issues.FirstOrDefault() is { } issue)
            return (null, issue.Line > 0 ? $"{issue.File}, line {issue.Line}: {issue.Message}" : $"{issue.File}: {issue.Message}");
        return (new PluginWords(pluginId, ThemeCatalogue.Of(files)), null);
    }

    /// <summary>The text of <c>plugin.&lt;id&gt;.<paramref name="key"/></c> in <paramref name="culture"/>, else English (unless not <paramref name="fallBack"/>); null if no catalogue has it.</summary>
    public string? Find(CultureInfo culture, string key, IReadOnlyList<object?> values, bool fallBack = true) =>
        _catalogue.Translate(culture.Name, _prefix + key, values, value => Convert.ToString(value, culture) ?? "", fallBack);

    /// <summary>A plugin's text in <paramref name="culture"/>, else English, else its key as the plugin wrote it.</summary>
    public string Text(CultureInfo culture, PluginText text) => Find(culture, text.Key, text.Values) ?? text.Key;

    /// <summary>English: what the log, the stored reasons and a refusal's <c>Reason</c> read.</summary>
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo(ThemeCatalogue.English);
}

/// <summary>A plugin's text with the catalogues that word it: what the engine hands on when a rule refuses with a key.</summary>
public sealed record WordedText(PluginText Original, PluginWords Words) : PluginText(Original.Key, Original.Values)
{
    public string In(CultureInfo culture) => Words.Text(culture, Original);
}

/// <summary>
/// A text in the engine's own catalogues, which the engine gives where a plugin's rule could not decide: a refusal
/// (<c>error.*</c>, worded on the member's page) or a hold reason (<c>admin.*</c>, stored like a plugin's keyed one and
/// worded in each moderator's language). <see cref="English"/> is what the log, the API and a stored reason read.
/// </summary>
public sealed record EngineText(string Key, string English, params object[] Values) : PluginText(Key, Values)
{
    /// <summary>The decision's reason and this text: a refusal or hold the engine words in the reader's language.</summary>
    public static (string Reason, EngineText Text) Of(string key, string english, params object[] values) => (english, new EngineText(key, english, values));
}
