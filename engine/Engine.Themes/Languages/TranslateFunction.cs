using Engine.Themes.Rendering;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Engine.Themes.Languages;

/// <summary>
/// <c>{{ t "idea.vote.up" }}</c>, <c>{{ t "challenge.ideas" challenge.idea_count }}</c>: the text of a key in the
/// page's <c>language</c>, from the theme chain's catalogues. The text is a value like any other, so it is
/// HTML-encoded where it is written. Live pages fall back to English for a key the language lacks; the
/// theme checker's strict render does not, so a missing translation is an error it reports.
/// </summary>
internal sealed class TranslateFunction : IScriptCustomFunction
{
    public const string Name = "t";

    private static readonly ScriptVariable Language = ScriptVariable.Create("language", ScriptVariableScope.Global);

    public static readonly TranslateFunction Instance = new();

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        var span = callerContext?.Span ?? default;
        if (arguments.Count == 0 || arguments[0] is not string key)
            throw new ScriptRuntimeException(span, "t takes a key in quotes, then any values the text puts in: t \"challenge.ideas\" challenge.idea_count.");
        var theme = (ThemeContext)context;
        var culture = CultureOf(context);
        var values = arguments.Count == 1 ? [] : arguments.Skip(1).ToArray();
        var strict = context.StrictVariables;
        return theme.Theme.Catalogue.Translate(culture, key, values, value => context.ObjectToString(value) ?? "", fallBack: !strict)
            ?? (strict
                ? throw new ScriptRuntimeException(span, $"the key '{key}' is not in locales/{culture}.json of the theme '{theme.Theme.Name}' or the themes it builds on{(culture == ThemeCatalogue.English ? "" : ", and English is not used when checking")}.")
                : key);
    }

    private static string CultureOf(TemplateContext context)
    {
        try { return context.GetValue(Language) as string is { Length: > 0 } culture ? culture : ThemeCatalogue.English; }
        // A strict render of a model without a language (a test's own model) reads English.
        catch (ScriptRuntimeException) { return ThemeCatalogue.English; }
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));

    public int RequiredParameterCount => 1;
    public int ParameterCount => 1;
    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.Direct;
    public Type ReturnType => typeof(string);
    public ScriptParameterInfo GetParameterInfo(int index) => index == 0 ? new(typeof(string), "key") : new(typeof(object), "values");
}
