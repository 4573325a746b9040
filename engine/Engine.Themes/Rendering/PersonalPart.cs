using System.Reflection;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Engine.Themes.Rendering;

/// <summary>
/// A partial that reads the signed-in member's own values (<see cref="Pages.PersonalAttribute"/>), written out in
/// place like any partial. When a member's page is written for every member at once (<see cref="PageShell"/>), it
/// writes nothing and leaves a hole instead, remembering the loop values around it (the idea of its card); the hole
/// is then written for each member with that member's values.
/// </summary>
internal sealed class PersonalPart : ScriptStatement
{
    private ScriptBlockStatement _body = null!;

    public PersonalPart(string partial, ScriptBlockStatement body)
    {
        Partial = partial;
        Span = body.Span;
        ParentToThis(ref _body, body);
    }

    /// <summary>The partial's name, for messages.</summary>
    public string Partial { get; }

    public ScriptBlockStatement Body => _body;

    /// <summary>The loop variables of the page around it that it reads, with their slots: a hole keeps their values.</summary>
    public (string Name, int Slot)[] Captures { get; private set; } = [];

    /// <summary>
    /// Names it reads that some template of the chain binds, though not the loops around it: the model's where its page binds
    /// none of them (see <see cref="PartsApart"/>).
    /// </summary>
    public string[] Unresolved { get; private set; } = [];

    /// <summary>
    /// Whether every hole it leaves in one page is written the same for a member: it reads only the page model's values
    /// and words, no loop's value, and binds nothing (a card's anti-forgery token). Its later holes are then copies.
    /// </summary>
    public bool Repeatable { get; private set; }

    /// <summary>Why it cannot be written apart from the page around it whatever that page binds, or null.</summary>
    public string? NotApart { get; private set; } = "it was not prepared (the theme was compiled without direct blocks)";

    /// <summary>
    /// Works out, before its statements are installed, whether it can be written apart: every name it reads must be
    /// the page model's, a built-in, its own, or a slotted loop variable of the page around it (whose value a hole keeps).
    /// </summary>
    public void Prepare(ThemeNames names, IReadOnlyDictionary<string, int> slots)
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        var loops = false;
        Collect(Body, own, ref loops);
        var captures = new Dictionary<string, int>(StringComparer.Ordinal);
        var unresolved = new HashSet<string>(StringComparer.Ordinal);
        string? problem = null;
        var readsOther = false;
        Check(Body);
        if (problem is null && MayEndInUrl(Body)) problem = "it ends inside a URL attribute";
        Captures = [.. captures.Select(c => (c.Key, c.Value))];
        Repeatable = captures.Count == 0 && own.Count == 0 && !loops && !readsOther;
        Unresolved = [.. unresolved];
        NotApart = problem is null ? null : $"the partial '{Partial}': {problem}";

        void Check(ScriptNode node)
        {
            switch (node)
            {
                case ScriptFunction:
                    problem ??= "it declares a function";
                    return;
                // A member's name is not a variable.
                case ScriptMemberExpression { Target: { } target }:
                    Check(target);
                    return;
                case ScriptFunctionCall { Target: ScriptVariable { Name: "include" }, Arguments: var arguments } when arguments is not [ScriptLiteral { Value: string }]:
                    problem ??= "it includes a partial named by a value";
                    return;
                case ScriptVariable { Name: var name }:
                    if (LoopObjects.Contains(name)) { if (!loops) problem ??= $"it reads '{name}' of a loop outside it"; }
                    else if (own.Contains(name)) { }
                    else if (slots.TryGetValue(name, out var slot)) captures[name] = slot;
                    else if (names.IsScoped) problem ??= "the theme uses 'with' or 'import'";
                    else if (!names.IsModelName(name) && !names.IsBuiltIn(name)) unresolved.Add(name);
                    // Words are the same every time; another built-in might not be (a date, a random number).
                    if (!names.IsModelName(name) && name != "t") readsOther = true;
                    return;
            }
            for (var i = 0; i < node.ChildrenCount; i++)
                if (node.GetChildren(i) is { } child) Check(child);
        }
    }

    /// <summary>
    /// Whether what a statement writes may end by opening a URL attribute: in a shell, the value after a hole would then be
    /// written without the check a URL's start gets. Any branch or loop body counts, as a part may be a single branch's statement.
    /// </summary>
    private static bool MayEndInUrl(ScriptNode? node) => node switch
    {
        ScriptRawStatement { Text: var text } => text.Length > 0 && SafeUrls.OpensUrlAttribute(text.FullText.AsSpan(text.Index, text.Length)),
        ScriptBlockStatement block => block.Statements.LastOrDefault(s => !s.CanSkipEvaluation) is { } last && MayEndInUrl(last),
        ScriptIfStatement conditional => MayEndInUrl(conditional.Then) || MayEndInUrl(conditional.Else),
        ScriptElseStatement otherwise => MayEndInUrl(otherwise.Body),
        ScriptLoopStatementBase loop => loop.ChildrenCount > 0 && Enumerable.Range(0, loop.ChildrenCount).Any(i => loop.GetChildren(i) is ScriptBlockStatement b && MayEndInUrl(b)),
        _ => false,
    };

    private static readonly HashSet<string> LoopObjects =
        [ScriptVariable.ForObject.Name, ScriptVariable.TablerowObject.Name, ScriptVariable.WhileObject.Name];

    private static void Collect(ScriptNode node, HashSet<string> own, ref bool loops)
    {
        switch (node)
        {
            case ScriptLoopStatementBase:
                loops = true;
                if (node is ScriptForStatement { Variable: ScriptVariable variable }) own.Add(variable.Name);
                break;
            case ScriptAssignExpression { Target: ScriptVariable assigned }:
                own.Add(assigned.Name);
                break;
            case ScriptCaptureStatement { Target: ScriptVariable captured }:
                own.Add(captured.Name);
                break;
        }
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child) Collect(child, own, ref loops);
    }

    public override object? Evaluate(TemplateContext context)
    {
        var theme = (ThemeContext)context;
        if (theme.WritingShell)
        {
            theme.LeaveHole(this);
            return null;
        }
        return Body.Statements is [DirectBlock direct] ? direct.Evaluate(context) : context.Evaluate(Body);
    }

    public override ValueTask<object?> EvaluateAsync(TemplateContext context) => new(Evaluate(context));

    public override void PrintTo(ScriptPrinter printer) => Body.PrintTo(printer);
    public override void Accept(ScriptVisitor visitor) => Body.Accept(visitor);
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor) => Body.Accept(visitor);
    public override int ChildrenCount => 1;
    protected override ScriptNode GetChildrenImpl(int index) => Body;

    /// <summary>The names of every value marked personal in the view records: a template that reads one reads the member's own.</summary>
    public static readonly IReadOnlySet<string> Names = typeof(Pages.IPage).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(Pages.IPage).Namespace)
        .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        .Where(p => p.IsDefined(typeof(Pages.PersonalAttribute), inherit: false))
        .Select(p => StandardMemberRenamer.Rename(p.Name))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a template reads a personal value anywhere under <paramref name="node"/>, as a variable or a member.</summary>
    public static bool ReadsPersonal(ScriptNode node)
    {
        if (node is ScriptVariable { Name: var name } && Names.Contains(name)) return true;
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child && ReadsPersonal(child)) return true;
        return false;
    }
}
