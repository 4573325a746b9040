using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace Engine.Themes;

/// <summary>
/// Every template of one theme chain, compiled once into delegates. Each page is compiled inside
/// the layout (<c>{{#> default}}page{{/default}}</c>), so a render is one pass straight into the
/// writer, with no intermediate string for the body.
/// </summary>
public sealed partial class CompiledTheme
{
    private readonly Dictionary<string, HandlebarsTemplate<TextWriter, object, object>> _pages = new(StringComparer.Ordinal);

    public CompiledTheme(ThemeSources sources)
    {
        Sources = sources;
        // One environment per chain: an environment keeps the partials it resolved, so sharing one
        // between chains with different overrides would leak one tenant's markup into another's.
        // The canonical HtmlEncoder also encodes ' = and `, which the 2.x default leaves alone.
        var env = Handlebars.Create(new HandlebarsConfiguration { TextEncoder = new HtmlEncoder() });
        var partials = sources.Partials.ToDictionary(p => p.Key, p => Unindent(File.ReadAllText(p.Value)), StringComparer.Ordinal);
        foreach (var (name, text) in partials) env.RegisterTemplate(name, text);
        env.RegisterTemplate("default", Inline(Unindent(LayoutAsPartial(File.ReadAllText(sources.Pages["default"]))), partials));
        foreach (var (name, file) in sources.Pages)
        {
            if (name == "default") continue;
            using var reader = new StringReader("{{#> default}}" + Inline(Unindent(File.ReadAllText(file)), partials) + "{{/default}}");
            _pages[name] = env.Compile(reader);
        }
    }

    public ThemeSources Sources { get; }
    public string Name => Sources.Name;

    public bool HasPage(string page) => _pages.ContainsKey(page);

    /// <summary>Renders <paramref name="page"/> inside the layout into <paramref name="output"/>.</summary>
    public void Render(string page, object model, TextWriter output)
    {
        if (!_pages.TryGetValue(page, out var template))
            throw new ThemeException(Path.Combine(Sources.Folders[^1], page + ".hbs"), $"the theme '{Name}' has no page '{page}'.");
        template(output, model is Pages.IPage typed ? HandlebarsModel.From(typed) : model, null!); // TEMPORARY bridge, see HandlebarsModel
    }

    /// <summary>
    /// Un-indents partial calls that stand on a line of their own. Handlebars.Net
    /// 2.4.3 renders such an indented partial through a path that skips the HTML encoder, so user
    /// text inside it would come out raw; without the indent it is encoded like everything else.
    /// </summary>
    private static string Unindent(string template) => IndentedPartial().Replace(template, "");

    [GeneratedRegex(@"(?m)^[ \t]+(?=\{\{~?#?>)")]
    private static partial Regex IndentedPartial();

    /// <summary>
    /// Writes each plain partial call (<c>{{> name}}</c>, no arguments) out in place, as Handlebars would
    /// render it: in the same context. Handlebars.Net looks a partial up under a lock on every call, and an
    /// idea card calls several, so a page of ideas spent much of its time there. Calls with arguments,
    /// partial blocks and unknown names stay calls; a partial that (through others) calls itself stops being
    /// written out after a few levels and stays a call.
    /// </summary>
    private static string Inline(string template, IReadOnlyDictionary<string, string> partials, int depth = 0) =>
        depth > 8 ? template : PlainPartialCall().Replace(template, call =>
            partials.TryGetValue(call.Groups["name"].Value, out var partial) ? Inline(partial, partials, depth + 1) : call.Value);

    [GeneratedRegex(@"\{\{>\s*(?<name>[A-Za-z0-9_-]+)\s*\}\}")]
    private static partial Regex PlainPartialCall();

    // Layouts are written Ghost's way, with {{{body}}} where the page goes.
    private static string LayoutAsPartial(string layout) => layout.Replace("{{{body}}}", "{{> @partial-block}}");
}
