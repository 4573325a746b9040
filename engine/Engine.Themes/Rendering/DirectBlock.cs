using System.Runtime.CompilerServices;
using System.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Engine.Themes.Rendering;

/// <summary>
/// The statements of one block, run the way Scriban's block runs them but without Scriban's bookkeeping
/// around each node for what templates do most: text is written as one piece (a partial's text joined to the
/// page's around it), <c>{{ idea.title }}</c> and <c>{{ if idea.anonymous }}</c> read their values through a
/// <see cref="ValuePath"/>, and the branches of an <c>if</c> run directly. Every other statement (loops,
/// assignments, functions, pipes) is Scriban's, evaluated as Scriban evaluates it. It is also where a
/// render's deadline is checked: every loop body, function body and branch is a block.
/// </summary>
internal sealed partial class DirectBlock : ScriptStatement
{
    private Step[] _steps = [];

    public override object? Evaluate(TemplateContext context)
    {
        var theme = (ThemeContext)context;
        theme.Tick(Span);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return Run(theme);
    }

    public override ValueTask<object?> EvaluateAsync(TemplateContext context) => new(Evaluate(context));

    private object? Run(ThemeContext context)
    {
        // As ScriptBlockStatement.Evaluate: a value not written (a function's return, output switched off)
        // is the block's result.
        object? result = null;
        foreach (var step in _steps)
        {
            result = step.Run(context);
            if (!step.CanOutput) result = null;
            else if (result is not null && FlowState(context) != ScriptFlowState.Return && context.EnableOutput)
            {
                context.Write(Span, result);
                result = null;
            }
            if (FlowState(context) != ScriptFlowState.None) break;
        }
        return result;
    }

    // Scriban keeps break, continue and return in an internal property; a block must stop where Scriban's would.
    // (A Scriban upgrade that renames it fails every render test at once, not quietly.)
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_FlowState")]
    private static extern ScriptFlowState FlowState(TemplateContext context);

    /// <summary>Replaces the statements of every block under <paramref name="node"/> with a direct block.</summary>
    public static void Install(ScriptNode node, ThemeNames names) => Install(node, new Scope(names, Slots: new Dictionary<string, int>()));

    /// <summary>What a value path under a node can know: the chain's names, and the slots of the loops around it.</summary>
    private sealed record Scope(ThemeNames Names, IReadOnlyDictionary<string, int> Slots)
    {
        public ValuePath? PathFor(ScriptExpression? expression) => ValuePath.For(expression, Names, Slots);

        public DirectTranslation? TranslationFor(ScriptExpression? expression) => DirectTranslation.For(expression, Names, PathFor);

        public Scope InLoopOver(string variable, int slot) => this with { Slots = new Dictionary<string, int>(Slots) { [variable] = slot } };
    }

    private static void Install(ScriptNode node, Scope scope)
    {
        if (node is ScriptBlockStatement block)
        {
            if (block.Statements is [DirectBlock]) return;
            var steps = new List<Step>();
            AddSteps(block.Statements, steps, scope);
            block.Statements.Clear();
            var direct = new DirectBlock { Span = block.Span, _steps = JoinTexts(steps) };
            block.Statements.Add(direct);
            return;
        }
        // A loop whose variable no template assigns keeps it in a slot too, where the paths in its body read it.
        if (node is ScriptForStatement { Variable: { } variable, Body: { } body } loop && variable.GetType() == typeof(ScriptVariableGlobal)
            && scope.Names.CanSlot(((ScriptVariableGlobal)variable).Name))
        {
            var name = ((ScriptVariableGlobal)variable).Name;
            var slot = scope.Names.NextSlot();
            loop.Variable = new LoopSlotVariable(name, slot) { Span = variable.Span };
            for (var i = 0; i < loop.ChildrenCount; i++)
                if (loop.GetChildren(i) is { } child && !ReferenceEquals(child, body)) Install(child, scope);
            Install(body, scope.InLoopOver(name, slot));
            return;
        }
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child) Install(child, scope);
    }

    private static void AddSteps(IEnumerable<ScriptStatement> statements, List<Step> steps, Scope scope)
    {
        foreach (var statement in statements.ToList())
        {
            if (statement.CanSkipEvaluation) continue;
            switch (statement)
            {
                // A partial written out in place: its statements run as the page's (blocks make no scope in Scriban).
                case ScriptBlockStatement nested:
                    AddSteps(nested.Statements, steps, scope);
                    break;
                case ScriptRawStatement { Text: var text } when text.Length > 0 && !string.IsNullOrEmpty(text.FullText):
                    steps.Add(new TextStep(text.FullText!.Substring(text.Index, text.Length)));
                    break;
                case ScriptExpressionStatement { Expression: var expression } when scope.PathFor(expression) is { } path:
                    steps.Add(new ValueStep(path));
                    break;
                case ScriptExpressionStatement { Expression: var expression } when scope.TranslationFor(expression) is { } translation:
                    steps.Add(new TranslationStep(translation));
                    break;
                case ScriptIfStatement conditional:
                    steps.Add(Conditional(conditional, scope));
                    break;
                case PersonalPart part:
                    // Read before its statements are installed (a direct block hides them), with the loops around it.
                    part.Prepare(scope.Names, scope.Slots);
                    Install(part.Body, scope);
                    steps.Add(new PartStep(part));
                    break;
                default:
                    Install(statement, scope);
                    steps.Add(new ScribanStep(statement));
                    break;
            }
        }
    }

    private static Step Conditional(ScriptIfStatement statement, Scope scope)
    {
        var otherwise = statement.Else switch
        {
            ScriptIfStatement elseIf => Conditional(elseIf, scope),
            ScriptElseStatement { Body: { } body } => BranchOf(body),
            null => null,
            var other => Scriban(other),
        };
        return new IfStep(statement.Condition, statement.Condition is { } condition ? scope.PathFor(condition) : null,
            statement.Then is { } block ? BranchOf(block) : null, otherwise);

        Step BranchOf(ScriptBlockStatement block)
        {
            Install(block, scope);
            return new BranchStep((DirectBlock)block.Statements[0]);
        }

        Step Scriban(ScriptNode node)
        {
            Install(node, scope);
            return new ScribanStep((ScriptStatement)node);
        }
    }

    /// <summary>
    /// Text that follows text is written as one piece, with the fixed words of <c>t</c> between them (see
    /// <see cref="WordedTextStep"/>). A piece starts with text: a value at its very start follows whatever was written before.
    /// </summary>
    private static Step[] JoinTexts(List<Step> steps)
    {
        var joined = new List<Step>(steps.Count);
        var run = new List<Step>();
        foreach (var step in steps)
        {
            if (step is TextStep || (step is TranslationStep { IsFixed: true } && run.Count > 0))
            {
                run.Add(step);
                continue;
            }
            Flush();
            joined.Add(step);
        }
        Flush();
        return [.. joined];

        void Flush()
        {
            if (run.Count == 0) return;
            joined.Add(run.All(s => s is TextStep) ? new TextStep(string.Concat(run.Select(s => ((TextStep)s).Text))) : new WordedTextStep([.. run]));
            run.Clear();
        }
    }

    public override void PrintTo(ScriptPrinter printer) { }
    public override void Accept(ScriptVisitor visitor) { }
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor) => default!;
    public override int ChildrenCount => 0;
    protected override ScriptNode? GetChildrenImpl(int index) => null;

    private abstract class Step
    {
        public virtual bool CanOutput => true;
        public abstract object? Run(ThemeContext context);
    }

    private sealed class TextStep(string text) : Step
    {
        private readonly bool _opensUrl = SafeUrls.OpensUrlAttribute(text);

        public string Text { get; } = text;

        // As ScriptRawStatement: with output off (Scriban's expression-only mode, which themes do not use), the
        // text is the value instead.
        public override object? Run(ThemeContext context)
        {
            if (!context.EnableOutput) return Text;
            context.WriteText(Text, _opensUrl);
            return null;
        }
    }

    private sealed class ValueStep(ValuePath path) : Step
    {
        // As ScriptExpressionStatement: a value that is itself a node is evaluated.
        public override object? Run(ThemeContext context)
        {
            var value = path.Evaluate(context);
            return value is ScriptNode node ? context.Evaluate(node) : value;
        }
    }

    private sealed class TranslationStep(DirectTranslation translation) : Step
    {
        public DirectTranslation Translation => translation;

        /// <summary>Words with no values in them: the same text every time in one language.</summary>
        public bool IsFixed => translation.IsFixed;

        public override object? Run(ThemeContext context) => translation.Evaluate(context);
    }

    private sealed class IfStep(ScriptExpression? condition, ValuePath? path, Step? then, Step? otherwise) : Step
    {
        public override object? Run(ThemeContext context)
        {
            if (condition is null) return null;
            var value = path is not null ? path.Evaluate(context) : context.Evaluate(condition);
            return context.ToBool(condition.Span, value) ? then?.Run(context) : otherwise?.Run(context);
        }
    }

    private sealed class BranchStep(DirectBlock block) : Step
    {
        public override object? Run(ThemeContext context) => block.Evaluate(context);
    }

    private sealed class PartStep(PersonalPart part) : Step
    {
        public override object? Run(ThemeContext context) => part.Evaluate(context);
    }

    private sealed class ScribanStep(ScriptStatement statement) : Step
    {
        public override bool CanOutput => statement.CanOutput;
        public override object? Run(ThemeContext context) => context.Evaluate(statement);
    }
}
