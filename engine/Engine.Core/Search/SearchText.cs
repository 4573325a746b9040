using System.Text;

namespace Engine.Core.Search;

/// <summary>
/// Turns what someone typed into words to look for. Only letters and digits survive, so nothing a person types
/// (quotes, OR, NEAR, *, ^, colons, brackets) is ever read as full-text query syntax: each word is searched for
/// as itself. A query with no words finds nothing, rather than everything.
/// </summary>
public static class SearchText
{
    public const int MaxWords = 12;
    public const int MaxWordLength = 40;
    public const int MaxQueryLength = 200;

    // Words too common to say anything about which ideas are similar.
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "that", "this", "are", "was", "our", "your", "you", "from", "but", "not", "have", "has",
        "can", "all", "more", "less", "will", "should", "could", "would", "about", "into", "their", "them", "they", "when", "what",
        "who", "how", "why", "its", "any", "get", "out", "use", "new", "make", "let", "able", "there", "than", "then", "also",
    };

    /// <summary>Whether <paramref name="word"/> (lower case) is among the commonest English words, which say nothing about a text.</summary>
    public static bool IsCommon(string word) => Common.Contains(word);

    /// <summary>The words in <paramref name="query"/>, lower case, without repeats, at most <see cref="MaxWords"/>.</summary>
    public static IReadOnlyList<string> Words(string? query)
    {
        var text = query ?? "";
        if (text.Length > MaxQueryLength) text = text[..MaxQueryLength];
        return AllWords(text).Distinct().Take(MaxWords).ToList();
    }

    /// <summary>Every word of <paramref name="text"/> in order, repeats and all, lower case, each cut to <see cref="MaxWordLength"/>.</summary>
    public static IEnumerable<string> AllWords(string text)
    {
        var word = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(ch)) word.Append(ch);
            else if (ch is '\'' or '’') continue; // "patient's" is one word
            else if (word.Length > 0) { yield return Cut(word.ToString()); word.Clear(); }
        }
        if (word.Length > 0) yield return Cut(word.ToString());
    }

    private static string Cut(string word)
    {
        var w = word.ToLowerInvariant();
        return w.Length > MaxWordLength ? w[..MaxWordLength] : w;
    }

    /// <summary>The words that say what a title is about: at least three letters and not among the commonest words.</summary>
    public static IReadOnlyList<string> Telling(string? title) =>
        Words(title).Where(w => w.Length >= 3 && !Common.Contains(w)).ToList();

    /// <summary>
    /// At most <paramref name="count"/> of <paramref name="words"/>, the longest first (ties in their order): a longer word
    /// is likelier to be a rare one, and the rarest words say most about which ideas are alike, at no cost to look up.
    /// Similar ideas are asked for on every few keystrokes, and each word more is more of the index to read.
    /// </summary>
    public static IReadOnlyList<string> Longest(IReadOnlyList<string> words, int count) =>
        words.OrderByDescending(w => w.Length).Take(count).ToList();

    /// <summary>
    /// An FTS5 MATCH expression: every word as a quoted string (so it can never be an operator), joined by AND
    /// (all words) or OR (any word). Words hold only letters and digits, so no quote needs escaping, but quotes
    /// are doubled anyway in case that ever changes.
    /// </summary>
    public static string Fts5Match(IReadOnlyList<string> words, bool anyWord) =>
        string.Join(anyWord ? " OR " : " AND ", words.Select(w => "\"" + w.Replace("\"", "\"\"") + "\""));
}
