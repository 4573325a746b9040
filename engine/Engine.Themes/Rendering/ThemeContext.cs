using System.Collections;
using System.Diagnostics;
using System.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Engine.Themes.Rendering;

/// <summary>
/// One render's state, pooled per theme chain. It makes Scriban safe by default for HTML: every
/// <c>{{ }}</c> value is encoded (Scriban has no such mode), the start of a URL attribute takes only a safe
/// address, templates read the page's view records and nothing else of .NET, and loops, depth, output
/// and wall-clock time are limited, each limit failing the render rather than truncating it.
/// </summary>
internal sealed class ThemeContext : TemplateContext
{
    private readonly HtmlOutput _output;
    private readonly ScriptObject _locals = new();
    private readonly long _deadlineTicks;
    private readonly int _maxDepth;
    private long _deadline;
    private int _steps;
    private int _depth;
    private object? _model;
    private ViewAccessor? _modelAccessor;
    private ViewAccessor? _frameAccessor;
    private bool _encode;
    private object? _frame;
    private readonly Stack<object?> _outerSlots = new();
    private List<Hole>? _holes;
    // The loop values a hole kept, where Scriban's own name search finds them while the hole is written.
    private readonly ScriptObject _kept = new();

    public ThemeContext(CompiledTheme theme, ScriptObject builtins, ThemeLimits limits, bool strict) : base(builtins, StringComparer.Ordinal)
    {
        Theme = theme;
        Slots = new object?[theme.LoopSlots];
        _deadlineTicks = (long)(limits.Deadline.TotalSeconds * Stopwatch.Frequency);
        _maxDepth = limits.Depth;
        LoopLimit = limits.LoopIterations;
        LoopLimitQueryable = limits.LoopIterations;
        RecursiveLimit = limits.Depth;
        _output = new HtmlOutput(this, limits.OutputCharacters);
        // The output counts each page itself; Scriban's count (0: none) would run over the context's life.
        OutputLimit = 0;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        OnStringLimit = ScriptLimitBehavior.Throw;
        RegexTimeOut = limits.RegexTimeout;
        TemplateLoader = null;
        // Partials are written out in place when parsed, so there is no include to indent (Scriban would scan
        // every piece of text for line ends to do it).
        AutoIndent = false;
        TryGetVariable = FromModel;
        // The checker renders strictly, so an unknown name is an error it can report; a live page shows
        // nothing for a missing value rather than failing.
        StrictVariables = strict;
        EnableRelaxedMemberAccess = !strict;
        EnableRelaxedTargetAccess = !strict;
        EnableRelaxedFunctionAccess = false;
    }

    private static readonly StringBuilder EmptyBuilder = new(0, 1);

    public CompiledTheme Theme { get; }

    /// <summary>Whether the next value written would start a URL attribute (and so must be a safe address as a whole).</summary>
    public bool ValueStartsUrl => _encode && ReferenceEquals(Output, _output) && _output.AtUrlStart;

    /// <summary>Whether values are HTML-encoded (pages, an email's HTML part) or written as they are (an email's text part).</summary>
    public bool Encodes => _encode;

    /// <summary>The page model and its frame: where a name no template binds can only come from (see <see cref="ThemeNames"/>).</summary>
    public object? Model => _model;
    public object? Frame => _frame;

    /// <summary>What each slotted loop (<see cref="LoopSlotVariable"/>) has set its variable to, for the paths in its body.</summary>
    public object?[] Slots { get; }

    /// <summary>When checking strictly: names other pages have, which read as empty here instead of failing.</summary>
    public IReadOnlySet<string>? OtherPagesNames { get; init; }

    /// <summary>The page the layout's <c>body</c> writes; null once written.</summary>
    public Template? Page { get; set; }

    /// <summary>The signed-in member's own values of shared records, or null (see <see cref="IPersonalValues"/>).</summary>
    public IPersonalValues? Personal { get; private set; }

    /// <summary>Whether the page is being written for every member at once: each personal part leaves a hole.</summary>
    public bool WritingShell => _holes is not null;

    /// <param name="encode">False for plain text (an email's text part): values are written as they are.</param>
    /// <param name="holes">Where a shell's holes go (see <see cref="PageShell"/>); null to write every part.</param>
    public void Begin(object model, Template? page, StringBuilder output, bool encode, CancellationToken cancellation,
        IPersonalValues? personal = null, List<Hole>? holes = null)
    {
        Personal = personal;
        _holes = holes;
        _encode = encode;
        _model = model;
        _modelAccessor = ViewAccessor.IsView(model.GetType()) ? ViewAccessor.For(model.GetType()) : null;
        _frame = _modelAccessor is not null && _modelAccessor.TryGetValue(model, "frame", out var frame) ? frame : null;
        _frameAccessor = _frame is null ? null : ViewAccessor.For(_frame.GetType());
        _output.Begin(output);
        _deadline = Stopwatch.GetTimestamp() + _deadlineTicks;
        _steps = 0;
        _depth = 0;
        Page = page;
        CancellationToken = cancellation;
        PushOutput(_output);
        PushGlobal(_locals);
    }

    /// <summary>Called after a render that succeeded; a failed one leaves stacks mid-way, so its context is dropped instead.</summary>
    public void End()
    {
        PopGlobal();
        PopOutput();
        // Scriban counts output, loops and more over the context's life: each page starts from nothing.
        Reset();
        _locals.Clear();
        Array.Clear(Slots);
        _outerSlots.Clear();
        _model = null;
        _frame = null;
        Personal = null;
        _holes = null;
        _modelAccessor = null;
        _frameAccessor = null;
        Page = null;
        _output.Begin(EmptyBuilder);
        CancellationToken = default;
    }

    /// <summary>Leaves a hole for a personal part, keeping the loop values it reads.</summary>
    public void LeaveHole(PersonalPart part)
    {
        // Written into a capture, the part would be a value of the page rather than a place in it.
        if (!ReferenceEquals(Output, _output) || part.NotApart is not null) throw new NotApartException();
        var values = new object?[part.Captures.Length];
        for (var i = 0; i < values.Length; i++) values[i] = Slots[part.Captures[i].Slot];
        var atUrlStart = _output.AtUrlStart;
        _holes!.Add(new Hole(part, _output.Builder.Length, values, atUrlStart, part.Repeatable ? SameAs(part, atUrlStart) : -1));
        // A part never ends inside a URL attribute (PersonalPart.Prepare), so a value right after it starts none.
        _output.AfterHole();
    }

    /// <summary>The first hole of the same repeatable part after the same kind of text (a card's token, once per card), or -1.</summary>
    private int SameAs(PersonalPart part, bool atUrlStart)
    {
        for (var i = _holes!.Count - 1; i >= 0; i--)
            if (ReferenceEquals(_holes[i].Part, part) && _holes[i].AtUrlStart == atUrlStart) return _holes[i].SameAs >= 0 ? _holes[i].SameAs : i;
        return -1;
    }

    /// <summary>Writes one member's copy of a shell's holes, one after the other; hole <c>i</c> ends at <c>ends[i]</c>.</summary>
    public void WriteHoles(Hole[] holes, Span<int> ends)
    {
        PushGlobal(_kept);
        var begin = _output.Builder.Length;
        for (var i = 0; i < holes.Length; i++)
        {
            var hole = holes[i];
            if (hole.SameAs >= 0)
            {
                // Nothing but the page's and the member's values in it: the same text as where it was first written.
                var from = hole.SameAs == 0 ? begin : ends[hole.SameAs - 1];
                _output.Copy(from, ends[hole.SameAs] - from);
                ends[i] = _output.Builder.Length;
                continue;
            }
            _kept.Clear();
            for (var c = 0; c < hole.Values.Length; c++)
            {
                var (name, slot) = hole.Part.Captures[c];
                Slots[slot] = hole.Values[c];
                _kept.SetValue(name, hole.Values[c], readOnly: false);
            }
            _output.AfterHole(hole.AtUrlStart);
            hole.Part.Evaluate(this);
            ends[i] = _output.Builder.Length;
        }
        _kept.Clear();
        PopGlobal();
    }

    /// <summary>Evaluates a partial or the page in the current scope, one level deeper.</summary>
    public void Nest(SourceSpan span, ScriptPage page)
    {
        if (++_depth > _maxDepth)
            throw new ScriptRuntimeException(span, $"partials are nested past the depth limit of {_maxDepth} (a partial that includes itself?).");
        try { Evaluate(page); }
        finally { _depth--; }
    }

    /// <summary>
    /// Called by every block as it runs (every loop body, function body and branch is one) and every loop step:
    /// loops, recursion and partials all run out of time the same way.
    /// </summary>
    public void Tick(SourceSpan span)
    {
        if ((++_steps & 127) != 0) return;
        if (Stopwatch.GetTimestamp() > _deadline)
            throw new ThemeDeadlineException(span, _deadlineTicks * 1000 / Stopwatch.Frequency);
        CancellationToken.ThrowIfCancellationRequested();
    }

    public override void SetLoopVariable(ScriptVariable variable, object? value)
    {
        base.SetLoopVariable(variable, value);
        if (variable is LoopSlotVariable slotted) Slots[slotted.Slot] = value;
    }

    // A loop entered again before it ends (a function that calls itself from inside it) gets the outer run's value back
    // when it ends, as Scriban's loop scopes do.
    protected override void OnEnterLoop(ScriptLoopStatementBase loop)
    {
        if (loop is ScriptForStatement { Variable: LoopSlotVariable slotted }) _outerSlots.Push(Slots[slotted.Slot]);
    }

    protected override void OnExitLoop(ScriptLoopStatementBase loop)
    {
        if (loop is ScriptForStatement { Variable: LoopSlotVariable slotted }) Slots[slotted.Slot] = _outerSlots.Pop();
    }

    protected override bool OnStepLoop(ScriptLoopStatementBase loop)
    {
        Tick(loop.Span);
        return true;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        switch (textAsObject)
        {
            case null:
                break;
            case Html html:
                Write(html.Value);
                break;
            case int or long when ReferenceEquals(Output, _output):
                _output.WriteNumber(Convert.ToInt64(textAsObject, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                var text = textAsObject as string ?? ObjectToString(textAsObject) ?? "";
                if (!_encode) Write(text);
                else if (ReferenceEquals(Output, _output)) _output.WriteValue(text);
                else Write(HtmlEncoding.Encode(text));
                break;
        }
        return this;
    }

    /// <summary>A template's text: straight into the page when writing the page (not a capture).</summary>
    public void WriteText(string text, bool opensUrl)
    {
        if (ReferenceEquals(Output, _output)) _output.WriteText(text, opensUrl);
        else Write(text);
    }

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) => new(Write(span, textAsObject));

    /// <summary>A value of any other .NET type writes nothing: its ToString could say more than the page should.</summary>
    public override string? ObjectToString(object? value, bool nested = false) =>
        value is null or string or IScriptObject or IList or IDictionary or Html || value.GetType() is var type && (type.IsPrimitive || type.IsEnum || type == typeof(decimal) || ViewAccessor.IsView(type))
            ? base.ObjectToString(value, nested)
            : "";

    protected override IObjectAccessor GetMemberAccessorImpl(object target)
    {
        var type = target.GetType();
        if (ViewAccessor.IsView(type)) return ViewAccessor.For(type);
        if (target is IList and not IScriptObject) return ListMembers.Instance;
        // Scriban's own values (objects, arrays), strings, numbers and lists keep Scriban's accessors; any
        // other .NET object shows templates nothing, whatever reaches a model by mistake.
        if (target is IScriptObject or string or IList or IDictionary || type.IsPrimitive || type == typeof(decimal)) return base.GetMemberAccessorImpl(target)!;
        return NoMembers.Instance;
    }

    private bool FromModel(TemplateContext context, SourceSpan span, ScriptVariable variable, out object? value)
    {
        value = null;
        if (_model is null) return false;
        return (_modelAccessor is not null && _modelAccessor.TryGetValue(_model, variable.Name, out value))
            || (_frameAccessor is not null && _frameAccessor.TryGetValue(_frame!, variable.Name, out value))
            || OtherPagesNames?.Contains(variable.Name) == true;
    }
}

/// <summary>A render ran past its deadline.</summary>
/// <summary>A page whose personal parts cannot be written apart from it: it is written whole for each member instead.</summary>
internal sealed class NotApartException() : Exception("a personal part cannot be written apart from the page here.");

public sealed class ThemeDeadlineException(SourceSpan span, long milliseconds)
    : ScriptRuntimeException(span, $"the page took longer than its {milliseconds} ms to render (a loop or recursion that does not end?).");
