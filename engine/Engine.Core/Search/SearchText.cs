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

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CommonSpans = Common.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>As <see cref="IsCommon(string)"/>, for a word not made into a string.</summary>
    public static bool IsCommon(ReadOnlySpan<char> word) => CommonSpans.Contains(word);

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

    /// <summary>
    /// The same words as <see cref="AllWords"/>, without a string for each: each is written into <paramref name="buffer"/>
    /// (at least <see cref="MaxWordLength"/> long) and holds only until the next. For counting the words of many texts.
    /// </summary>
    public static WordSpans WordsOf(string text, Span<char> buffer) => new(text.Normalize(NormalizationForm.FormC), buffer);

    /// <summary>The words of a text one after another, each in the same buffer (<see cref="WordsOf"/>).</summary>
    public ref struct WordSpans
    {
        private readonly string _text;
        private readonly Span<char> _buffer;
        private int _next;
        private int _length;

        internal WordSpans(string text, Span<char> buffer)
        {
            if (buffer.Length < MaxWordLength) throw new ArgumentException($"The buffer must hold {MaxWordLength} characters.", nameof(buffer));
            _text = text;
            _buffer = buffer;
        }

        public readonly ReadOnlySpan<char> Current => _buffer[.._length];

        public readonly WordSpans GetEnumerator() => this;

        public bool MoveNext()
        {
            _length = 0;
            var inWord = false;
            while (_next < _text.Length)
            {
                var ch = _text[_next++];
                if (char.IsLetterOrDigit(ch))
                {
                    // Lower case a letter at a time is lower case of the word: a surrogate is never a letter here.
                    if (_length < MaxWordLength) _buffer[_length++] = char.ToLowerInvariant(ch);
                    inWord = true;
                }
                else if (ch is '\'' or '’') continue;
                else if (inWord) return true;
            }
            return inWord;
        }
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
