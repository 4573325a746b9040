using Engine.Themes.Languages;
using Scriban.Syntax;

namespace Engine.Themes.Rendering;

/// <summary>
/// <c>{{ t 'idea.anonymous' }}</c> and <c>{{ t 'idea.count' idea.comment_count }}</c> as a statement of their own, worked
/// out without Scriban's function call (its argument list, the search for <c>language</c> in every scope): a page of
/// 200 cards makes about a thousand of them. A text with no values is kept per language once found, as the chain's
/// catalogues do not change under a compiled theme. The answer is the one <see cref="TranslateFunction"/> gives; a
/// strict render (the checker, which reports a missing key) and anything else is left to it.
/// </summary>
internal sealed class DirectTranslation
{
    private static readonly ScriptVariableGlobal LanguageName = new("language");
    private const int MaxKept = 16;

    private readonly ScriptFunctionCall _call;
    private readonly string _key;
    private readonly ValuePath _language;
    private readonly Func<ThemeContext, object?>[] _values;
    private (string Culture, string Text)[] _kept = [];

    private DirectTranslation(ScriptFunctionCall call, string key, ValuePath language, Func<ThemeContext, object?>[] values)
    {
        _call = call;
        _key = key;
        _language = language;
        _values = values;
    }

    /// <summary>A direct form of <paramref name="expression"/>, or null when it is not a plain call of the built-in <c>t</c>.</summary>
    public static DirectTranslation? For(ScriptExpression? expression, ThemeNames names, Func<ScriptExpression, ValuePath?> pathFor)
    {
        if (expression is not ScriptFunctionCall { Target: ScriptVariableGlobal target, Arguments: { Count: > 0 } arguments } call
            || arguments[0] is not ScriptLiteral { Value: string key }
            || target.GetType() != typeof(ScriptVariableGlobal) || target.Name != TranslateFunction.Name || !names.IsBuiltIn(target.Name)
            || pathFor(LanguageName) is not { } language)
            return null;
        var values = new Func<ThemeContext, object?>[arguments.Count - 1];
        for (var i = 0; i < values.Length; i++)
        {
            switch (arguments[i + 1])
            {
                case ScriptLiteral literal:
                    var value = literal.Value;
                    values[i] = _ => value;
                    break;
                case var argument when pathFor(argument) is { } path:
                    values[i] = path.Evaluate;
                    break;
                default:
                    return null;
            }
        }
        return new DirectTranslation(call, key, language, values);
    }

    /// <summary>Words with no values in them: the same text every time in one language.</summary>
    public bool IsFixed => _values.Length == 0;

    /// <summary>The page's language, as <see cref="TranslateFunction"/> reads it.</summary>
    public string CultureOf(ThemeContext context) => _language.Evaluate(context) as string is { Length: > 0 } named ? named : ThemeCatalogue.English;

    /// <summary>The words of a fixed translation in <paramref name="culture"/> (a live page's, falling back to English).</summary>
    public string FixedText(ThemeContext context, string culture) => Translate(context, culture);

    public object? Evaluate(ThemeContext context)
    {
        if (context.StrictVariables) return context.Evaluate(_call);
        var culture = CultureOf(context);
        return _values.Length is 0 or > MaxValues || context.ValueStartsUrl ? Translate(context, culture) : Write(context, culture);
    }

    /// <summary>
    /// Writes a translation with values as its pieces: the pattern's own words (encoded once per pattern and kept) and
    /// each value as any value is written (a count without making a string). The same characters as the whole text
    /// encoded at once, which is what the function gives; a value that is not text or a whole number (sanitised
    /// Markdown, say, which the whole text would encode) takes the function's way.
    /// </summary>
    private object? Write(ThemeContext context, string culture)
    {
        var values = new Values();
        for (var i = 0; i < _values.Length; i++)
        {
            var value = _values[i](context);
            if (value is not (null or string or int or long)) return Translate(context, culture);
            values[i] = value;
        }
        if (FoundIn(context, culture) is not var (entry, found)) return _key;
        var pattern = entry.Plural is { } forms
            ? forms.GetValueOrDefault(PluralRules.Category(found, values[0])) ?? forms[PluralRules.Other]
            : entry.Text!;
        foreach (var piece in Pieces(pattern))
        {
            if (piece.Slot < 0) context.WriteText(context.Encodes ? piece.Encoded : piece.Text, opensUrl: false);
            else if (values[piece.Slot] is { } value) context.Write(_call.Span, value);
        }
        return null;
    }

    [System.Runtime.CompilerServices.InlineArray(MaxValues)]
    private struct Values
    {
        private object? _first;
    }

    private const int MaxValues = 10;

    private sealed record Entry(string Culture, (CatalogueEntry Entry, string Found)? Found);

    private Entry[] _entries = [];

    private (CatalogueEntry Entry, string Found)? FoundIn(ThemeContext context, string culture)
    {
        foreach (var kept in _entries)
            if (kept.Culture == culture) return kept.Found;
        var found = context.Theme.Catalogue.Find(culture, _key);
        if (_entries.Length < MaxKept) _entries = [.. _entries, new Entry(culture, found)];
        return found;
    }

    private sealed record Piece(string Text, string Encoded, int Slot);

    private (string Pattern, Piece[] Pieces)[] _patterns = [];

    /// <summary>A pattern cut where ThemeCatalogue.Format puts a value: {0} to {9} naming one of the call's values.</summary>
    private Piece[] Pieces(string pattern)
    {
        foreach (var (kept, pieces) in _patterns)
            if (ReferenceEquals(kept, pattern)) return pieces;
        var cut = new List<Piece>();
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '{' && i + 2 < pattern.Length && char.IsAsciiDigit(pattern[i + 1]) && pattern[i + 2] == '}' && pattern[i + 1] - '0' < _values.Length)
            {
                Flush();
                cut.Add(new Piece("", "", pattern[i + 1] - '0'));
                i += 2;
            }
            else text.Append(pattern[i]);
        }
        Flush();
        Piece[] result = [.. cut];
        if (_patterns.Length < MaxKept) _patterns = [.. _patterns, (pattern, result)];
        return result;

        void Flush()
        {
            if (text.Length == 0) return;
            cut.Add(new Piece(text.ToString(), HtmlEncoding.Encode(text.ToString()), -1));
            text.Clear();
        }
    }

    private string Translate(ThemeContext context, string culture)
    {
        if (_values.Length == 0)
        {
            foreach (var (keptCulture, text) in _kept)
                if (keptCulture == culture) return text;
        }
        var arguments = new object?[_values.Length];
        for (var i = 0; i < arguments.Length; i++) arguments[i] = _values[i](context);
        var translated = context.Theme.Catalogue.Translate(culture, _key, arguments, value => context.ObjectToString(value) ?? "") ?? _key;
        // Copied, not changed in place: pages on other threads read the array as it was. A site offers a few languages;
        // the bound only guards against a model that names many.
        if (_values.Length == 0 && _kept.Length < MaxKept) _kept = [.. _kept, (culture, translated)];
        return translated;
    }
}
