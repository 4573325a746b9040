using System.Globalization;
using Engine.Themes;
using Engine.Themes.Languages;

namespace Engine.Web.Languages;

/// <summary>
/// What the engine itself words on a page (page titles, the not-found page, "Closes in 3 days", "12 ideas"), from its
/// own catalogues (<c>Languages/locales/&lt;culture&gt;.json</c>, embedded in the assembly), in the same format as a
/// theme's, with the same plural forms and the same fall-back to English.
/// </summary>
public static class EngineWords
{
    private static readonly Lazy<ThemeCatalogue> Catalogue = new(Load);

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/> (else English), with <c>{0}</c>... filled in.</summary>
    /// <exception cref="KeyNotFoundException">No catalogue has the key: a mistake in the engine, which tests catch.</exception>
    public static string Text(CultureInfo culture, string key, params object?[] values) =>
        Catalogue.Value.Translate(culture.Name, key, values, value => Convert.ToString(value, culture) ?? "")
            ?? throw new KeyNotFoundException($"the engine's catalogue (Languages/locales/en.json) has no key '{key}'.");

    // Labels every card shows (an idea's status, "3 comments"), worded once per language and count: a member's page words
    // 30 of each on every view. Bounded: a few languages, the engine's own keys, counts below 1,000.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Culture, string Key, int Count), string> Kept = new();
    private const int NoCount = -1, KeptCounts = 1000;

    /// <summary>The text of <paramref name="key"/>, which takes no values, in <paramref name="culture"/> (else English).</summary>
    public static string Text(CultureInfo culture, string key) =>
        Kept.GetOrAdd((culture.Name, key, NoCount), static (k, culture) => Text(culture, k.Key, values: []), culture);

    /// <summary>The text of <paramref name="key"/> for a count (its plural form), in <paramref name="culture"/> (else English).</summary>
    public static string Text(CultureInfo culture, string key, int count) =>
        count is >= 0 and < KeptCounts
            ? Kept.GetOrAdd((culture.Name, key, count), static (k, culture) => Text(culture, k.Key, values: [k.Count]), culture)
            : Text(culture, key, values: [count]);

    /// <summary>The engine's catalogues, for tests: every language's keys.</summary>
    public static ThemeCatalogue Catalogues => Catalogue.Value;

    private static ThemeCatalogue Load()
    {
        var assembly = typeof(EngineWords).Assembly;
        var issues = new List<ThemeIssue>();
        var files = new List<CatalogueFile>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("locales/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            if (CatalogueFile.Read(name, bytes.ToArray(), issues) is { } file) files.Add(file);
        }
        if (issues.Count > 0) throw new InvalidOperationException("The engine's catalogues are broken: " + string.Join("; ", issues));
        return ThemeCatalogue.Of(files);
    }
}
