using System.Runtime.InteropServices;

namespace Engine.Core.BigIdeas.Suggestions;

/// <summary>
/// Texts' word counts, added one text at a time and kept as a few growing arrays of numbers (each text's term numbers
/// and counts one after another, and where each text starts) rather than an object per text: the garbage collector has
/// next to nothing to trace or move in them, and a text need not be kept once it is counted. What
/// <see cref="ThemeClustering"/> clusters.
/// </summary>
public sealed class ThemeCounts
{
    private readonly Dictionary<int, int> _text = [];
    private readonly List<long> _ideaIds = [];
    private readonly List<int> _starts = [0];
    private readonly List<int> _terms = [];
    private readonly List<int> _counts = [];
    private readonly List<int> _documentFrequency = [];

    public ThemeWords Words { get; } = new();

    /// <summary>How many texts were added, those without a counted word included.</summary>
    public int Texts { get; private set; }

    /// <summary>How many texts have at least one counted word: only those can be clustered.</summary>
    public int Counted => _ideaIds.Count;

    public void Add(ThemeText text)
    {
        Texts++;
        _text.Clear();
        Words.CountInto(text.Text, text.Language, _text);
        if (_text.Count == 0) return;
        while (_documentFrequency.Count < Words.Terms) _documentFrequency.Add(0);
        foreach (var (term, count) in _text)
        {
            _terms.Add(term);
            _counts.Add(count);
            _documentFrequency[term]++;
        }
        _ideaIds.Add(text.IdeaId);
        _starts.Add(_terms.Count);
    }

    /// <summary>The idea of the <paramref name="counted"/>th text with a counted word.</summary>
    public long IdeaId(int counted) => _ideaIds[counted];

    /// <summary>How many term counts there are, over all the texts.</summary>
    public int Entries => _terms.Count;

    /// <summary>How many texts use the term numbered <paramref name="term"/>.</summary>
    public int DocumentFrequency(int term) => term < _documentFrequency.Count ? _documentFrequency[term] : 0;

    /// <summary>The <paramref name="counted"/>th text's term numbers, in no order.</summary>
    public ReadOnlySpan<int> Terms(int counted) => Slice(_terms, counted);

    /// <summary>How often the <paramref name="counted"/>th text uses each of its <see cref="Terms"/>.</summary>
    public ReadOnlySpan<int> Uses(int counted) => Slice(_counts, counted);

    private ReadOnlySpan<int> Slice(List<int> all, int counted) =>
        CollectionsMarshal.AsSpan(all)[_starts[counted].._starts[counted + 1]];
}
