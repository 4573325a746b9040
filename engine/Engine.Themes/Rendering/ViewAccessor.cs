using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Engine.Themes.Rendering;

/// <summary>
/// Reads a view record's properties for templates, under their snake_case names (<c>BasePath</c> is
/// <c>base_path</c>), through compiled getters built once per type: no per-request conversion of the
/// model, and bools and small numbers come out as shared boxes, so a page of ideas allocates little.
/// Only reading: a template cannot write to the model.
/// </summary>
internal sealed class ViewAccessor : IObjectAccessor
{
    private static readonly ConcurrentDictionary<Type, ViewAccessor> ByType = new();

    private readonly Dictionary<string, Func<object, object?>> _getters;
    private readonly HashSet<string> _plain;
    private readonly HashSet<string> _personal;

    private ViewAccessor(Type type)
    {
        _getters = new Dictionary<string, Func<object, object?>>(StringComparer.Ordinal);
        _plain = new HashSet<string>(StringComparer.Ordinal);
        _personal = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null) continue;
            var name = StandardMemberRenamer.Rename(property.Name);
            _getters[name] = Getter(type, property);
            if (property.IsDefined(typeof(Pages.PersonalAttribute), inherit: false)) _personal.Add(name);
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (valueType.IsValueType || valueType == typeof(string) || (valueType.IsSealed && !typeof(IScriptCustomFunction).IsAssignableFrom(valueType) && !typeof(Task).IsAssignableFrom(valueType)))
                _plain.Add(name);
        }
    }

    private static readonly ConcurrentDictionary<Type, ViewAccessor?> Views = new();

    public static ViewAccessor For(Type type) => ByType.GetOrAdd(type, static t => new ViewAccessor(t));

    /// <summary>The accessor of a view type, or null for any other type.</summary>
    public static ViewAccessor? Find(Type type) => Views.GetOrAdd(type, static t => IsView(t) ? For(t) : null);

    /// <summary>The getter of a member, or null when the view has no member of that name.</summary>
    public Func<object, object?>? Getter(string member) => _getters.GetValueOrDefault(member);

    /// <summary>
    /// Whether the member's values are plain data (text, numbers, records), never a function Scriban would call
    /// or a task it would await.
    /// </summary>
    public bool IsPlain(string member) => _plain.Contains(member);

    /// <summary>Whether the member is the reader's own (<see cref="Pages.PersonalAttribute"/>): the render's <see cref="IPersonalValues"/> may answer it.</summary>
    public bool IsPersonal(string member) => _personal.Contains(member);

    /// <summary>A member's value, the render's personal values first for a personal member.</summary>
    public static object? Read(ThemeContext? context, object target, string member, Func<object, object?> getter, bool personal) =>
        personal && context?.Personal is { } values && values.TryGet(target, member, out var value) ? value : getter(target);

    /// <summary>
    /// Whether templates may read this type's members: the engine's view records (namespace
    /// Engine.Themes.Pages) and anonymous objects. Any other .NET object shows no members at all.
    /// </summary>
    public static bool IsView(Type type) =>
        // An array's namespace and name are its element's: an array of views is a list, not a view.
        !type.IsArray && (type.Namespace == "Engine.Themes.Pages" || (type.Name.Contains("AnonymousType", StringComparison.Ordinal) && type.IsSealed && type.Namespace is null));

    public IReadOnlyCollection<string> Names => _getters.Keys;

    public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => _getters.Count;
    public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => _getters.Keys;
    public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => _getters.ContainsKey(member);

    public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value)
    {
        if (_getters.TryGetValue(member, out var getter))
        {
            value = Read(context as ThemeContext, target, member, getter, _personal.Contains(member));
            return true;
        }
        value = null;
        return false;
    }

    public bool TryGetValue(object target, string member, out object? value) => TryGetValue(null!, default, target, member, out value);

    public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) => false;
    public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value) =>
        TryGetValue(context, span, target, index as string ?? "", out value);
    public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) => false;
    public bool HasIndexer => false;
    public Type IndexType => typeof(string);

    private static Func<object, object?> Getter(Type type, PropertyInfo property)
    {
        var target = Expression.Parameter(typeof(object));
        Expression read = Expression.Property(Expression.Convert(target, type), property);
        if (property.PropertyType == typeof(bool)) read = Expression.Call(typeof(Boxes).GetMethod(nameof(Boxes.Of), [typeof(bool)])!, read);
        else if (property.PropertyType == typeof(int)) read = Expression.Call(typeof(Boxes).GetMethod(nameof(Boxes.Of), [typeof(int)])!, read);
        else if (property.PropertyType == typeof(long)) read = Expression.Call(typeof(Boxes).GetMethod(nameof(Boxes.Of), [typeof(long)])!, read);
        else read = Expression.Convert(read, typeof(object));
        return Expression.Lambda<Func<object, object?>>(read, target).Compile();
    }
}

/// <summary>Shared boxes for the values pages show most: true, false and small counts.</summary>
internal static class Boxes
{
    private static readonly object True = true, False = false;
    private static readonly object[] Ints = Enumerable.Range(0, 1024).Select(i => (object)i).ToArray();
    private static readonly object[] Longs = Enumerable.Range(0, 1024).Select(i => (object)(long)i).ToArray();

    public static object Of(bool value) => value ? True : False;
    public static object Of(int value) => (uint)value < (uint)Ints.Length ? Ints[value] : value;
    public static object Of(long value) => (ulong)value < (ulong)Longs.Length ? Longs[value] : value;
}

/// <summary>What templates see of any other .NET object: nothing.</summary>
internal sealed class NoMembers : IObjectAccessor
{
    public static readonly NoMembers Instance = new();
    public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => 0;
    public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => [];
    public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => false;
    public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value) { value = null; return false; }
    public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) => false;
    public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value) { value = null; return false; }
    public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) => false;
    public bool HasIndexer => false;
    public Type IndexType => typeof(object);
}

/// <summary>The one member a model's list has for templates: <c>size</c>, as Scriban's own arrays have.</summary>
internal sealed class ListMembers : IObjectAccessor
{
    public static readonly ListMembers Instance = new();
    public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => 1;
    public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => ["size"];
    public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => member == "size";
    public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value)
    {
        value = member == "size" ? Boxes.Of(((System.Collections.IList)target).Count) : null;
        return value is not null;
    }
    public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) => false;
    public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value) { value = null; return false; }
    public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) => false;
    public bool HasIndexer => false;
    public Type IndexType => typeof(object);
}
