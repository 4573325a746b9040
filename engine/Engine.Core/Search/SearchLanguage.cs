namespace Engine.Core.Search;

/// <summary>
/// Each language's search rules. English is what both databases' full-text search does by itself (stemming and stop
/// words), so English text is indexed as written and English query words go as they are. Welsh has rules of its own
/// (<see cref="WelshWords"/>): Welsh text is indexed in its matching form, and a query on a Welsh page looks for every
/// form of each word. Any other language is treated as English is, as it was before ideas recorded their language.
/// </summary>
public static class SearchLanguage
{
    /// <summary>Whether <paramref name="language"/> (a culture such as cy-GB, or cy) is Welsh.</summary>
    public static bool IsWelsh(string? language) =>
        language is not null && (language.Equals("cy", StringComparison.OrdinalIgnoreCase) || language.StartsWith("cy-", StringComparison.OrdinalIgnoreCase));

    /// <summary>What the full-text index holds in place of <paramref name="text"/>; null to index the text as written.</summary>
    public static string? IndexForm(string? language, string text) => IsWelsh(language) ? WelshWords.IndexForm(text) : null;

    /// <summary>
    /// The words to look for, each as the forms any of which may match it: one form per word under the index's own rules;
    /// in Welsh every form of the word, and no stop words (a query of stop words only looks for nothing).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Terms(string? language, IReadOnlyList<string> words) =>
        IsWelsh(language)
            ? words.Select(WelshWords.Forms).Where(forms => forms.Count > 0).ToList()
            : words.Select(w => (IReadOnlyList<string>)[w]).ToList();
}
