using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Engine.Themes.Rendering;

/// <summary>
/// The functions a theme may call: Scriban's built-ins without the ones that evaluate text as a template
/// (object.eval, object.eval_template) or would encode twice (html.escape), plus the engine's own
/// <c>include</c>, <c>body</c> and <c>t</c> (the page's words in its language). Built once per theme chain and frozen, so no template can change them
/// for the next page or the next tenant.
/// </summary>
internal static class ThemeFunctions
{
    public static ScriptObject Build()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        builtins.Remove("include");
        builtins.Remove("include_join");
        ((ScriptObject)builtins["object"]!).Remove("eval");
        ((ScriptObject)builtins["object"]!).Remove("eval_template");
        ((ScriptObject)builtins["html"]!).Remove("escape");
        // Functions of their own class, not imported delegates: a page of 200 ideas makes over a thousand
        // includes, and an imported delegate is called through reflection with its arguments boxed each time.
        builtins.SetValue("include", new Function(Include), readOnly: true);
        builtins.SetValue("body", new Function((context, span, _) => Body(context, span)), readOnly: true);
        builtins.SetValue(OutletName, new Function(Outlet), readOnly: true);
        builtins.SetValue(Languages.TranslateFunction.Name, Languages.TranslateFunction.Instance, readOnly: true);
        Freeze(builtins);
        return builtins;
    }

    private static void Freeze(ScriptObject scriptObject)
    {
        foreach (var value in scriptObject.Values)
            if (value is ScriptObject nested && !nested.IsReadOnly) Freeze(nested);
        scriptObject.IsReadOnly = true;
    }

    /// <summary>
    /// Writes a partial of the theme chain in place, in the current scope (the caller's loop variable is
    /// visible in it). Scriban's own include returns the output as a string, which would then be encoded
    /// again; and it looks files up through a loader: here only names of parsed partials exist.
    /// </summary>
    private static object? Include(TemplateContext context, SourceSpan span, ScriptArray arguments)
    {
        if (arguments.Count != 1 || arguments[0] is not string name)
            throw new ScriptRuntimeException(span, "include takes one partial name, written as a quoted string: include 'idea-card'.");
        var theme = (ThemeContext)context;
        // A partial not written out in place has no personal parts marked in it: a shell cannot leave their holes.
        if (theme.WritingShell) throw new NotApartException();
        var partial = theme.Theme.Partial(name)
            ?? throw new ScriptRuntimeException(span, $"there is no partial named '{name}' in the theme '{theme.Theme.Name}' or the themes it builds on.");
        theme.Nest(span, partial.Page!);
        return null;
    }

    public const string OutletName = "outlet";

    /// <summary>
    /// Writes the plugins' templates for a place (<see cref="OutletPlaces"/>) in place, in order, as include writes a
    /// partial; a place with none writes nothing. Pages have their outlets written out at compile: this is the call
    /// left where they could not be (the checker's and the tests' path).
    /// </summary>
    private static object? Outlet(TemplateContext context, SourceSpan span, ScriptArray arguments)
    {
        if (arguments.Count != 1 || arguments[0] is not string place)
            throw new ScriptRuntimeException(span, "outlet takes one place name, written as a quoted string: outlet 'idea-card-footer'.");
        var theme = (ThemeContext)context;
        var outlets = theme.Theme.Outlet(place)
            ?? throw new ScriptRuntimeException(span, $"there is no outlet '{place}': the places are {string.Join(", ", OutletPlaces.All)}.");
        if (outlets.Count > 0 && theme.WritingShell) throw new NotApartException();
        foreach (var outlet in outlets) theme.Nest(span, outlet.Page!);
        return null;
    }

    /// <summary>Writes the page inside its layout, where the layout says <c>{{ body }}</c>.</summary>
    private static object? Body(TemplateContext context, SourceSpan span)
    {
        var theme = (ThemeContext)context;
        var page = theme.Page ?? throw new ScriptRuntimeException(span, "body is written by the layout (default.sbn-html) only, once.");
        theme.Page = null;
        theme.Nest(span, page.Page!);
        return null;
    }

    private sealed class Function(Func<TemplateContext, SourceSpan, ScriptArray, object?> call) : IScriptCustomFunction
    {
        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            call(context, callerContext?.Span ?? default, arguments);

        public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            new(Invoke(context, callerContext, arguments, blockStatement));

        public int RequiredParameterCount => 0;
        public int ParameterCount => 1;
        public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;
        public Type ReturnType => typeof(object);
        public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(string), "name");
    }
}
