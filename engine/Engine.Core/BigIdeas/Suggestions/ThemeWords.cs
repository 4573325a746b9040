using System.Runtime.InteropServices;
using Engine.Core.Search;

namespace Engine.Core.BigIdeas.Suggestions;

/// <summary>
/// The words a clustering compares texts by, each given a number the first time it is met (so a text's counts are
/// numbers, not strings: a large challenge's counts are a few arrays, not a dictionary per text). English: common words
/// left out and plurals folded ("clinics" counts as "clinic"), as the search index stems. Welsh: stop words left out and
/// a mutated word counted as the radical it may come from ("mhen", "ben" and "phen" all count as "pen"), by
/// <see cref="WelshWords"/>. A word is shown as it was most often written.
/// </summary>
public sealed class ThemeWords
{
    // Frequent in ideas about anything: they would pull unrelated ideas together.
    private static readonly HashSet<string> Everyday = new(StringComparer.Ordinal)
    {
        "been", "being", "were", "which", "these", "those", "such", "only", "other", "some", "very", "just", "like", "each",
        "much", "many", "most", "over", "where", "while", "because", "idea", "ideas", "think", "need", "needs", "want", "really",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EverydaySpans = Everyday.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    // By term number: each way the term was written, and how often.
    private readonly List<Dictionary<string, int>> _written = [];

    /// <summary>How many different terms have been counted so far: term numbers run from 0 to this.</summary>
    public int Terms => _terms.Count;

    /// <summary>The term numbered <paramref name="number"/>.</summary>
    public string Term(int number) => _terms[number];

    /// <summary>Adds how often each counted word occurs in <paramref name="text"/> to <paramref name="counts"/>, by term number.</summary>
    /// <remarks>
    /// A large challenge has millions of words: each is read into a buffer and looked up as it is, so counting makes a string
    /// only for a term or a way of writing it met for the first time (and for Welsh words, whose mutations are undone as strings).
    /// </remarks>
    public void CountInto(string text, string? language, Dictionary<int, int> counts)
    {
        var welsh = SearchLanguage.IsWelsh(language);
        Span<char> word = stackalloc char[SearchText.MaxWordLength];
        Span<char> folded = stackalloc char[SearchText.MaxWordLength];
        var numbers = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var found in SearchText.WordsOf(text, word))
        {
            var term = welsh ? Welsh(found.ToString()) : English(found, folded);
            if (term.IsEmpty) continue;
            if (!numbers.TryGetValue(term, out var number))
            {
                var name = term.ToString();
                _numbers[name] = number = _terms.Count;
                _terms.Add(name);
                _written.Add(new(StringComparer.Ordinal));
            }
            CollectionsMarshal.GetValueRefOrAddDefault(counts, number, out _)++;
            CollectionsMarshal.GetValueRefOrAddDefault(_written[number].GetAlternateLookup<ReadOnlySpan<char>>(), found, out _)++;
        }
    }

    /// <summary>How often each counted word occurs in <paramref name="text"/>, by the word.</summary>
    public Dictionary<string, int> Count(string text, string? language)
    {
        var counts = new Dictionary<int, int>();
        CountInto(text, language, counts);
        return counts.ToDictionary(c => _terms[c.Key], c => c.Value, StringComparer.Ordinal);
    }

    /// <summary>The way <paramref name="term"/> was most often written (the first in order among equals).</summary>
    public string Shown(string term) =>
        _numbers.TryGetValue(term, out var number)
            ? _written[number].OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key
            : term;

    // The term an English word counts as (empty for none); a plural in "ies" is folded into the second buffer.
    private static ReadOnlySpan<char> English(ReadOnlySpan<char> word, Span<char> folded)
    {
        if (word.Length < 3 || AllDigits(word) || SearchText.IsCommon(word) || EverydaySpans.Contains(word)) return [];
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            word[..^3].CopyTo(folded);
            folded[word.Length - 3] = 'y';
            return folded[..(word.Length - 2)];
        }
        if (word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i')) return word[..^1];
        return word;
    }

    private static bool AllDigits(ReadOnlySpan<char> word)
    {
        foreach (var ch in word) if (!char.IsDigit(ch)) return false;
        return true;
    }

    private static ReadOnlySpan<char> Welsh(string word)
    {
        var forms = WelshWords.Forms(word);
        if (forms.Count == 0 || word.All(char.IsDigit)) return [];
        var radical = forms[^1];
        return radical.Length < 3 ? [] : radical;
    }
}
