using Scriban.Runtime;
using Scriban.Syntax;

namespace Engine.Themes.Rendering;

/// <summary>
/// The names the templates of one theme chain bind (assign, capture, loop over, declare as functions or parameters),
/// worked out once when the chain is parsed. Scriban finds a name by searching every scope and then asking the model;
/// this tells a <see cref="ValuePath"/> when that search can only end one way:
/// <list type="bullet">
/// <item>a name no template binds and no built-in has can only be the page model's or its frame's, so it is read there;</item>
/// <item>a loop variable no template assigns holds, inside its loop, what the loop last set, so it is read from the
/// loop's slot in the context (<see cref="LoopSlotVariable"/>).</item>
/// </list>
/// A chain that uses <c>with</c> or <c>import</c> (which turn an object's members into names) gets neither.
/// </summary>
internal sealed class ThemeNames
{
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);
    private readonly HashSet<string> _assigned = new(StringComparer.Ordinal);
    private readonly ScriptObject _builtins;
    private bool _scoped;

    // The loop objects (for.index, tablerow.col, while.index) are names Scriban binds itself.
    private ThemeNames(ScriptObject builtins)
    {
        _builtins = builtins;
        _bound.UnionWith([ScriptVariable.ForObject.Name, ScriptVariable.TablerowObject.Name, ScriptVariable.WhileObject.Name]);
    }

    /// <summary>Reads every template of the chain (before any is installed: a direct block hides its statements).</summary>
    public static ThemeNames Of(IEnumerable<ScriptNode> templates, ScriptObject builtins)
    {
        var names = new ThemeNames(builtins);
        foreach (var template in templates) names.Visit(template);
        names._bound.UnionWith(names._assigned);
        return names;
    }

    /// <summary>Whether <paramref name="name"/> can only be a member of the page model or of its frame.</summary>
    public bool IsModelName(string name) => !_scoped && !_bound.Contains(name) && !_builtins.ContainsKey(name);

    /// <summary>Whether <paramref name="name"/> can only be the chain's built-in of that name.</summary>
    public bool IsBuiltIn(string name) => !_scoped && !_bound.Contains(name) && _builtins.ContainsKey(name);

    /// <summary>Whether some template uses <c>with</c> or <c>import</c>, which turn an object's members into names.</summary>
    public bool IsScoped => _scoped;

    /// <summary>Whether a loop over <paramref name="variable"/> may keep its value in a slot.</summary>
    public bool CanSlot(string variable) => !_scoped && !_assigned.Contains(variable);

    /// <summary>How many loop slots the chain's contexts need.</summary>
    public int SlotCount { get; private set; }

    public int NextSlot() => SlotCount++;

    private void Visit(ScriptNode node)
    {
        switch (node)
        {
            case ScriptWithStatement or ScriptImportStatement:
                _scoped = true;
                break;
            // Tablerow is a for loop too.
            case ScriptForStatement { Variable: { } variable }:
                AddNames(variable, _bound);
                break;
            case ScriptAssignExpression { Target: { } target }:
                AddNames(target, _assigned);
                break;
            case ScriptCaptureStatement { Target: { } target }:
                AddNames(target, _assigned);
                break;
            case ScriptFunction function:
                if (function.NameOrDoToken is ScriptVariable name) _assigned.Add(name.Name);
                foreach (var parameter in function.Parameters ?? [])
                    if (parameter.Name is { } parameterName) _assigned.Add(parameterName.Name);
                break;
        }
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child) Visit(child);
    }

    // Every variable under a binding (the members of `a.b = 1` too): a name counted as bound that is not only reads slower.
    private static void AddNames(ScriptNode node, HashSet<string> names)
    {
        if (node is ScriptVariable variable) names.Add(variable.Name);
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child) AddNames(child, names);
    }
}

/// <summary>The variable of a loop whose value the context also keeps in a slot, read there by the loop's value paths.</summary>
internal sealed class LoopSlotVariable(string name, int slot) : ScriptVariableGlobal(name)
{
    public int Slot { get; } = slot;
}
