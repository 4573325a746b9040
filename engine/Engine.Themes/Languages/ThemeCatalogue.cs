using System.Text;

namespace Engine.Themes.Languages;

/// <summary>
/// The words of one theme chain in every language it ships: each folder's <c>locales/&lt;culture&gt;.json</c>
/// (base, then each theme built on it, then a tenant's overrides), a later folder's entry winning over an
/// earlier one's. A key not in the language asked for is looked up in its parent language ("cy-GB", then
/// "cy"), then in English.
/// </summary>
public sealed class ThemeCatalogue
{
    public const string Folder = "locales";
    public const string English = "en";

    private readonly Dictionary<string, Dictionary<string, CatalogueEntry>> _merged;

    private ThemeCatalogue(IReadOnlyList<CatalogueFile> files)
    {
        Files = files;
        _merged = new Dictionary<string, Dictionary<string, CatalogueEntry>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            if (!_merged.TryGetValue(file.Culture, out var entries)) _merged[file.Culture] = entries = new Dictionary<string, CatalogueEntry>(StringComparer.Ordinal);
            foreach (var (key, entry) in file.Entries) entries[key] = entry;
        }
    }

    /// <summary>Every catalogue file of the chain, in chain order (base first).</summary>
    public IReadOnlyList<CatalogueFile> Files { get; }

    /// <summary>The cultures the chain has a catalogue for ("en", "cy").</summary>
    public IEnumerable<string> Cultures => _merged.Keys;

    /// <summary>Every key of one culture's merged catalogue, with the entry that wins.</summary>
    public IReadOnlyDictionary<string, CatalogueEntry> Entries(string culture) =>
        _merged.TryGetValue(culture, out var entries) ? entries : new Dictionary<string, CatalogueEntry>();

    /// <summary>A catalogue of files read elsewhere (the engine's own words), a later file's entry winning.</summary>
    public static ThemeCatalogue Of(IReadOnlyList<CatalogueFile> files) => new(files);

    /// <summary>Reads every catalogue of the chain; a malformed file is reported in <paramref name="issues"/> and left out.</summary>
    public static ThemeCatalogue Load(ThemeSources sources, ICollection<ThemeIssue> issues)
    {
        var files = new List<CatalogueFile>();
        foreach (var folder in sources.CatalogueFolders)
        {
            var dir = Path.Combine(folder, Folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var path in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
                if (CatalogueFile.Read(path, issues) is { } file) files.Add(file);
        }
        return new ThemeCatalogue(files);
    }

    /// <summary>
    /// The entry for <paramref name="key"/> in <paramref name="culture"/>, else its parent language, else
    /// (when <paramref name="fallBack"/>) English; with the culture it was found in, whose plural rules apply.
    /// </summary>
    public (CatalogueEntry Entry, string Culture)? Find(string culture, string key, bool fallBack = true)
    {
        if (PseudoLocale.Is(culture)) return Pseudo(key);
        if (_merged.TryGetValue(culture, out var entries) && entries.TryGetValue(key, out var entry)) return (entry, culture);
        var language = PluralRules.Language(culture);
        if (language != culture && _merged.TryGetValue(language, out entries) && entries.TryGetValue(key, out entry)) return (entry, language);
        if (fallBack && language != English && _merged.TryGetValue(English, out entries) && entries.TryGetValue(key, out entry)) return (entry, English);
        return null;
    }

    // The pseudo-locale's entries, made from English the first time each is asked for; read with English plural rules.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CatalogueEntry?> _pseudo = new(StringComparer.Ordinal);

    private (CatalogueEntry Entry, string Culture)? Pseudo(string key) =>
        _pseudo.GetOrAdd(key, k => _merged.TryGetValue(English, out var english) && english.TryGetValue(k, out var entry) ? PseudoLocale.Of(entry) : null)
            is { } pseudo ? (pseudo, English) : null;

    /// <summary>
    /// The text of <paramref name="key"/>: a plural entry is chosen by the first argument (a number), and
    /// <c>{0}</c>, <c>{1}</c> ... are replaced by the arguments. Null when no catalogue has the key.
    /// </summary>
    public string? Translate(string culture, string key, IReadOnlyList<object?> arguments, Func<object?, string> text, bool fallBack = true)
    {
        if (Find(culture, key, fallBack) is not var (entry, found)) return null;
        var pattern = entry.Text;
        if (entry.Plural is { } forms)
        {
            var category = PluralRules.Category(found, arguments.Count > 0 ? arguments[0] : null);
            pattern = forms.GetValueOrDefault(category) ?? forms[PluralRules.Other];
        }
        return Format(pattern!, arguments, text);
    }

    /// <summary>Replaces <c>{0}</c> to <c>{9}</c>; any other brace is text.</summary>
    public static string Format(string pattern, IReadOnlyList<object?> arguments, Func<object?, string> text)
    {
        if (arguments.Count == 0 || !pattern.Contains('{')) return pattern;
        var result = new StringBuilder(pattern.Length + 16);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '{' && i + 2 < pattern.Length && char.IsAsciiDigit(pattern[i + 1]) && pattern[i + 2] == '}' && pattern[i + 1] - '0' < arguments.Count)
            {
                result.Append(text(arguments[pattern[i + 1] - '0']));
                i += 2;
            }
            else result.Append(pattern[i]);
        }
        return result.ToString();
    }
}
