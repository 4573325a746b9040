using Engine.Core.Search;

namespace Engine.Core.BigIdeas.Suggestions;

/// <summary>
/// The words a clustering compares texts by. English: common words left out and plurals folded ("clinics" counts
/// as "clinic"), as the search index stems. Welsh: stop words left out and a mutated word counted as the radical it
/// may come from ("mhen", "ben" and "phen" all count as "pen"), by <see cref="WelshWords"/>. A word is shown as it
/// was most often written.
/// </summary>
public sealed class ThemeWords
{
    // Frequent in ideas about anything: they would pull unrelated ideas together.
    private static readonly HashSet<string> Everyday = new(StringComparer.Ordinal)
    {
        "been", "being", "were", "which", "these", "those", "such", "only", "other", "some", "very", "just", "like", "each",
        "much", "many", "most", "over", "where", "while", "because", "idea", "ideas", "think", "need", "needs", "want", "really",
    };

    private readonly Dictionary<string, Dictionary<string, int>> _written = new(StringComparer.Ordinal);

    /// <summary>How often each counted word occurs in <paramref name="text"/>.</summary>
    public Dictionary<string, int> Count(string text, string? language)
    {
        var welsh = SearchLanguage.IsWelsh(language);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in SearchText.AllWords(text))
        {
            var term = welsh ? Welsh(word) : English(word);
            if (term is null) continue;
            counts[term] = counts.GetValueOrDefault(term) + 1;
            if (!_written.TryGetValue(term, out var forms)) _written[term] = forms = new(StringComparer.Ordinal);
            forms[word] = forms.GetValueOrDefault(word) + 1;
        }
        return counts;
    }

    /// <summary>The way <paramref name="term"/> was most often written (the first in order among equals).</summary>
    public string Shown(string term) =>
        _written.TryGetValue(term, out var forms) ? forms.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key : term;

    private static string? English(string word)
    {
        if (word.Length < 3 || word.All(char.IsDigit) || SearchText.IsCommon(word) || Everyday.Contains(word)) return null;
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal)) return word[..^3] + "y";
        if (word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i')) return word[..^1];
        return word;
    }

    private static string? Welsh(string word)
    {
        var forms = WelshWords.Forms(word);
        if (forms.Count == 0 || word.All(char.IsDigit)) return null;
        var radical = forms[^1];
        return radical.Length < 3 ? null : radical;
    }
}
