using System.Collections;
using System.Text.Json;
using Engine.Themes.Pages;

namespace Engine.Themes;

/// <summary>
/// TEMPORARY (issue 17): the typed page records as the Handlebars templates read them (camelCase keys, the
/// frame's members beside the page's, trusted HTML as a string for the triple-stash), so the site keeps
/// rendering until the Scriban renderer lands. Delete this file, and its call in CompiledTheme.Render, then.
/// </summary>
internal static class HandlebarsModel
{
    public static Dictionary<string, object?> From(IPage page)
    {
        var model = Members(page.Frame);
        foreach (var (name, value) in Members(page))
            if (name != "frame") model[name] = value;
        return model;
    }

    private static Dictionary<string, object?> Members(object record) => record.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
        .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => Convert(p.GetValue(record)));

    private static object? Convert(object? value) => value switch
    {
        null or string or bool or int or long => value,
        Html html => html.Value,
        IEnumerable list => list.Cast<object?>().Select(Convert).ToList(),
        _ => Members(value),
    };
}
