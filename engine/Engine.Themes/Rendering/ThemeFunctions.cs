using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Engine.Themes.Rendering;

/// <summary>
/// The functions a theme may call: Scriban's built-ins without the ones that evaluate text as a template
/// (object.eval, object.eval_template) or would encode twice (html.escape), plus the engine's own
/// <c>include</c> and <c>body</c>. Built once per theme chain and frozen, so no template can change them
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
        builtins.Import("include", new Func<TemplateContext, SourceSpan, string, object?>(Include));
        builtins.Import("body", new Func<TemplateContext, SourceSpan, object?>(Body));
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
    private static object? Include(TemplateContext context, SourceSpan span, string name)
    {
        var theme = (ThemeContext)context;
        var partial = theme.Theme.Partial(name)
            ?? throw new ScriptRuntimeException(span, $"there is no partial named '{name}' in the theme '{theme.Theme.Name}' or the themes it builds on.");
        theme.Nest(span, partial.Page!);
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
}
