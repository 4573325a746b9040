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

    public object? Evaluate(ThemeContext context) => context.StrictVariables ? context.Evaluate(_call) : Translate(context, CultureOf(context));

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
