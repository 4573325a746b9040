using Scriban.Parsing;
using Scriban.Syntax;

namespace Engine.Themes.Rendering;

/// <summary>
/// A variable or a chain of members read as Scriban would (<c>idea</c>, <c>idea.author.name</c>), without
/// Scriban's general path for every link: each member remembers the last view type it read and that type's
/// getter, so a list of 200 ideas reads each member through one compiled getter and no lookup by name.
/// Whatever it cannot answer the same way (a function, a strict render, a task) it leaves to Scriban, which
/// evaluates the original expression. Its first name is read where <see cref="ThemeNames"/> says it can only be: a
/// loop's slot, or the page model (or its frame), through a remembered getter; any other name searches Scriban's scopes.
/// </summary>
internal sealed class ValuePath
{
    private readonly ScriptExpression _expression;
    private readonly ScriptVariableGlobal _root;
    private readonly int _slot;
    private readonly ModelName? _modelName;
    private readonly Member[] _members;

    private ValuePath(ScriptExpression expression, ScriptVariableGlobal root, int slot, ModelName? modelName, Member[] members)
    {
        _expression = expression;
        _root = root;
        _slot = slot;
        _modelName = modelName;
        _members = members;
    }

    public ScriptExpression Expression => _expression;

    /// <summary>A path for <paramref name="expression"/>, or null when it is not a plain variable or chain of members.</summary>
    /// <param name="slots">The slots of the loops around the expression, by loop variable.</param>
    public static ValuePath? For(ScriptExpression? expression, ThemeNames names, IReadOnlyDictionary<string, int> slots)
    {
        var members = new List<Member>();
        var node = expression;
        while (node is ScriptMemberExpression { Member: { } member, Target: { } target } && member.GetType() == typeof(ScriptVariableGlobal))
        {
            members.Add(new Member(member.Name, member.Span));
            node = target;
        }
        // Loop variables (for.index), this, and literals keep Scriban's own evaluation.
        if (node is not ScriptVariableGlobal root || node.GetType() != typeof(ScriptVariableGlobal)) return null;
        members.Reverse();
        var slot = slots.GetValueOrDefault(root.Name, -1);
        var modelName = slot < 0 && names.IsModelName(root.Name) ? new ModelName(root.Name) : null;
        return new ValuePath(expression!, root, slot, modelName, [.. members]);
    }

    public object? Evaluate(ThemeContext context)
    {
        // A strict render (the checker) reports unknown members with Scriban's own messages and places.
        if (!context.EnableRelaxedMemberAccess) return context.Evaluate(_expression);
        var plain = false;
        var value = _slot >= 0 ? context.Slots[_slot]
            : _modelName is not null ? _modelName.Read(context, out plain)
            : context.GetValue(_root);
        foreach (var member in _members)
        {
            if (value is null) return null;
            if (!plain && NeedsScriban(value)) return context.Evaluate(_expression);
            value = member.Read(context, value, out plain);
        }
        return !plain && value is not null && NeedsScriban(value) ? context.Evaluate(_expression) : value;
    }

    // A function is called by naming it, and a task is awaited: Scriban's path does both.
    private static bool NeedsScriban(object value) => ScriptFunctionCall.IsFunction(value) || value is Task;

    private sealed class Member(string name, SourceSpan span)
    {
        private Cached? _last;

        /// <param name="plain">Whether the value is known to be plain data (see <see cref="ViewAccessor.IsPlain"/>).</param>
        public object? Read(ThemeContext context, object target, out bool plain)
        {
            var type = target.GetType();
            var last = _last;
            if (last is null || last.Type != type)
            {
                var view = ViewAccessor.Find(type);
                if (view is null)
                {
                    // Scriban's own values and lists: the context's accessors, as Scriban's member expression uses them.
                    plain = false;
                    return context.GetMemberAccessor(target).TryGetValue(context, span, target, name, out var value) ? value : null;
                }
                _last = last = new Cached(type, view.Getter(name), view.IsPlain(name), view.IsPersonal(name));
            }
            plain = last.Plain;
            return last.Getter is not { } getter ? null : ViewAccessor.Read(context, target, name, getter, last.Personal);
        }
    }

    private sealed record Cached(Type Type, Func<object, object?>? Getter, bool Plain, bool Personal);

    /// <summary>
    /// A name only the page model or its frame can have, read as <see cref="ThemeContext"/>'s last resort for names reads it
    /// (the model's member first, then the frame's; neither is nothing), through the getter found for the last model type.
    /// </summary>
    private sealed class ModelName(string name)
    {
        private Found? _last;

        public object? Read(ThemeContext context, out bool plain)
        {
            plain = false;
            if (context.Model is not { } model) return null;
            var frame = context.Frame;
            var last = _last;
            if (last is null || last.ModelType != model.GetType() || last.FrameType != frame?.GetType())
                _last = last = Find(model, frame);
            plain = last.Plain;
            return last.Getter?.Invoke(last.OnFrame ? frame! : model);
        }

        private Found Find(object model, object? frame)
        {
            if (ViewAccessor.Find(model.GetType()) is { } view && view.Getter(name) is { } getter)
                return new Found(model.GetType(), frame?.GetType(), getter, OnFrame: false, view.IsPlain(name));
            if (frame is not null && ViewAccessor.For(frame.GetType()) is var frameView && frameView.Getter(name) is { } frameGetter)
                return new Found(model.GetType(), frame.GetType(), frameGetter, OnFrame: true, frameView.IsPlain(name));
            return new Found(model.GetType(), frame?.GetType(), null, OnFrame: false, Plain: true);
        }

        private sealed record Found(Type ModelType, Type? FrameType, Func<object, object?>? Getter, bool OnFrame, bool Plain);
    }
}
