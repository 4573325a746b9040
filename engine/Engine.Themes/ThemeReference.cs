using System.Reflection;
using System.Text;
using Scriban.Runtime;

namespace Engine.Themes;

/// <summary>
/// The theme author's reference: every variable of every page and every view it contains, written from
/// the page records themselves (names as templates spell them), so the documentation cannot drift from the code.
/// </summary>
public static class ThemeReference
{
    public static string Markdown(IEnumerable<(string Page, Type Model)> pages, Type? frame = null)
    {
        var text = new StringBuilder();
        var views = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        if (frame is not null)
        {
            text.Append("### Every page\n\n");
            Members(frame, text, views, skip: null);
            text.Append('\n');
        }
        foreach (var (page, model) in pages.DistinctBy(p => p.Page).OrderBy(p => p.Page, StringComparer.Ordinal))
        {
            text.Append($"### {page}{CompiledTheme.Extension} ({model.Name})\n\n");
            Members(model, text, views, skip: frame);
            text.Append('\n');
        }
        for (var done = new HashSet<string>(); views.Keys.FirstOrDefault(k => !done.Contains(k)) is { } name; done.Add(name))
        {
            var view = views[name];
            text.Append($"### {name}\n\n");
            Members(view, text, views, skip: null);
            text.Append('\n');
        }
        return text.ToString().TrimEnd() + "\n";
    }

    private static void Members(Type type, StringBuilder text, IDictionary<string, Type> views, Type? skip)
    {
        var any = false;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (skip is not null && property.PropertyType == skip) continue; // the frame's members are listed once, above
            text.Append($"- `{StandardMemberRenamer.Rename(property.Name)}`: {Describe(property, views)}\n");
            any = true;
        }
        if (!any) text.Append("- (no variables of its own)\n");
    }

    private static string Describe(PropertyInfo property, IDictionary<string, Type> views)
    {
        var nullable = new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericTypeDefinition() is var g && (g == typeof(IReadOnlyList<>) || g == typeof(List<>) || g == typeof(IEnumerable<>)) ? type.GetGenericArguments()[0]
            : null;
        var described = element is not null ? $"list of {Name(element, views)} (`.size` counts them)" : Name(type, views);
        if (nullable || Nullable.GetUnderlyingType(property.PropertyType) is not null) described += ", or empty (null)";
        return property.IsDefined(typeof(Pages.PersonalAttribute), inherit: false) ? described + "; **the member's own: read it in a partial**" : described;
    }

    private static string Name(Type type, IDictionary<string, Type> views)
    {
        if (type == typeof(string)) return "text";
        if (type == typeof(bool)) return "true/false";
        if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal)) return "number";
        if (type == typeof(Html)) return "HTML made by the engine (written as it is)";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "date and time";
        views.TryAdd(type.Name, type);
        return $"[{type.Name}](#{type.Name.ToLowerInvariant()})";
    }
}
