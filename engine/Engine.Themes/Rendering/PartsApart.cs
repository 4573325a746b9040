using Scriban.Syntax;

namespace Engine.Themes.Rendering;

/// <summary>
/// Whether a template's personal parts can be written apart from it (<see cref="PageShell"/>): it reads no personal
/// value outside them, and each part can be (<see cref="PersonalPart.NotApart"/>, known once the parts are installed).
/// </summary>
internal sealed class PartsApart
{
    private readonly List<PersonalPart> _parts = [];
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);
    private string? _problem;

    /// <summary>Reads <paramref name="template"/> once its partials are written out in place, before it is installed.</summary>
    public static PartsApart Find(ScriptNode template, IReadOnlySet<string> personalPartials)
    {
        var found = new PartsApart();
        found.Visit(template, personalPartials);
        return found;
    }

    /// <summary>Why the page (its layout and itself) cannot be written from a shell, or null.</summary>
    public static string? Why(PartsApart layout, PartsApart page)
    {
        if ((layout._problem ?? page._problem) is { } problem) return problem;
        foreach (var part in layout._parts.Concat(page._parts))
        {
            if (part.NotApart is { } notApart) return notApart;
            // A name some other page binds is the model's here, unless this page binds it too.
            if (part.Unresolved.FirstOrDefault(n => layout._bound.Contains(n) || page._bound.Contains(n)) is { } bound)
                return $"the partial '{part.Partial}': it reads '{bound}', which the template around it sets";
        }
        return null;
    }

    private void Visit(ScriptNode node, IReadOnlySet<string> personalPartials)
    {
        switch (node)
        {
            case PersonalPart part:
                _parts.Add(part);
                Bind(part.Body);
                return;
            case ScriptVariable { Name: var name } when PersonalPart.Names.Contains(name):
                _problem ??= $"{Place(node)} reads '{name}' outside a partial";
                return;
            case ScriptFunctionCall { Target: ScriptVariable { Name: "include" }, Arguments: var arguments }
                when arguments is not [ScriptLiteral { Value: string name }] || personalPartials.Contains(name):
                _problem ??= $"{Place(node)} includes a partial that is not written out in place";
                return;
        }
        Bind(node, deep: false);
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child) Visit(child, personalPartials);
    }

    // Every name the page binds, inside its parts too: a part reading it after another part set it would differ.
    private void Bind(ScriptNode node, bool deep = true)
    {
        switch (node)
        {
            case ScriptForStatement { Variable: ScriptVariable variable }:
                _bound.Add(variable.Name);
                break;
            case ScriptAssignExpression { Target: ScriptVariable assigned }:
                _bound.Add(assigned.Name);
                break;
            case ScriptCaptureStatement { Target: ScriptVariable captured }:
                _bound.Add(captured.Name);
                break;
            case ScriptFunction function:
                if (function.NameOrDoToken is ScriptVariable name) _bound.Add(name.Name);
                foreach (var parameter in function.Parameters ?? [])
                    if (parameter.Name is { } parameterName) _bound.Add(parameterName.Name);
                break;
        }
        if (!deep) return;
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child) Bind(child);
    }

    private static string Place(ScriptNode node) =>
        $"{Path.GetFileName(node.Span.FileName)} line {node.Span.Start.Line + 1}, column {node.Span.Start.Column + 1},";
}
