using System.Globalization;
using System.Text;

namespace Engine.Core.Search;

/// <summary>
/// Welsh matching, which neither SQLite nor PostgreSQL has. What matters most is that a Welsh word changes its first
/// letters after certain words (the initial consonant mutations: "pen", "ei ben", "fy mhen", "ei phen"), so the same
/// word is spelt four ways. A mutated form cannot be undone to one radical ("ben" may be "ben" or a mutated "pen";
/// "fen" a mutated "ben" or "men"), so each word stands for every radical it may come from, and two words match when
/// they may share one. The radicals are worked out once, as an idea is written (<see cref="IndexForm"/>), and for the
/// few words of a query (<see cref="Forms"/>), so a search does nothing per row that an English one does not.
/// Circumflexes and other accents are dropped on both sides, as SQLite's index already does and PostgreSQL's does not.
/// </summary>
public static class WelshWords
{
    // The commonest words (articles, pronouns, prepositions, conjunctions, forms of "bod"), with their mutated and
    // apostrophe-joined forms ("i'r" is read as "ir"): they say nothing about what an idea is about.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "ac", "ag", "am", "an", "ar", "at", "ei", "eu", "ein", "eich", "ef", "e", "hi", "fe", "fo", "ni", "chi", "nhw", "hwy",
        "fy", "dy", "i", "y", "yr", "yn", "o", "mae", "maen", "maer", "roedd", "oedd", "yw", "ywr", "ydy", "ydi", "ydyn", "ydych",
        "ydw", "sy", "syn", "sydd", "bod", "fod", "wedi", "gan", "gyda", "efo", "wrth", "mewn", "dros", "drwy", "trwy", "heb",
        "hyd", "er", "fel", "na", "nac", "nad", "nid", "neu", "ond", "os", "pan", "pe", "hefyd", "hon", "hwn", "hyn", "hynny",
        "yma", "yna", "ir", "or", "ai", "au", "iw", "ym", "yng", "beth", "pa", "pwy", "sut", "pam", "ble", "mor", "yno",
    };

    // Mutated beginnings and the radical beginnings each may come from, longest first so "ngh" is read before "ng" and
    // "n". Soft: p>b t>d c>g b>f d>dd g>(none) m>f ll>l rh>r. Nasal: p>mh t>nh c>ngh b>m d>n g>ng. Aspirate: p>ph t>th c>ch.
    private static readonly (string Mutated, string[] Radicals)[] Mutations =
    [
        ("ngh", ["c"]), ("mh", ["p"]), ("nh", ["t"]), ("ng", ["g"]), ("ph", ["p"]), ("th", ["t"]), ("ch", ["c"]), ("dd", ["d"]),
        ("ll", []), ("rh", []), ("ff", []),
        ("b", ["p"]), ("d", ["t"]), ("g", ["c"]), ("f", ["b", "m"]), ("l", ["ll"]), ("r", ["rh"]), ("m", ["b"]), ("n", ["d"]),
    ];

    private const string Vowels = "aeiouwy";

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>The word itself and every radical it may be a mutation of, lower case and without accents; none for a stop word.</summary>
    public static IReadOnlyList<string> Forms(string word)
    {
        var w = Plain(word);
        if (w.Length == 0 || StopWords.Contains(w)) return [];
        var forms = new List<string> { w };
        foreach (var (mutated, radicals) in Mutations)
        {
            if (!w.StartsWith(mutated, StringComparison.Ordinal)) continue;
            forms.AddRange(radicals.Select(r => r + w[mutated.Length..]));
            return forms;
        }
        // A vowel may begin a word whose g the soft mutation dropped ("ardd" from "gardd", "waith" from "gwaith"),
        // and an h before a vowel may have been added ("ei henw" for "enw").
        if (Vowels.Contains(w[0])) forms.Add("g" + w);
        else if (w.Length > 1 && w[0] == 'h' && Vowels.Contains(w[1])) forms.Add(w[1..]);
        return forms;
    }

    /// <summary>What the full-text index holds for Welsh text: each word's <see cref="Forms"/>, stop words left out.</summary>
    public static string IndexForm(string text) =>
        string.Join(' ', SearchText.AllWords(text).SelectMany(Forms));

    private static string Plain(string word)
    {
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) plain.Append(ch);
        return plain.ToString();
    }
}
