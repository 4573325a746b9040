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
        foreach (var (name, file) in sources.Partials) env.RegisterTemplate(name, Unindent(File.ReadAllText(file)));
        env.RegisterTemplate("default", Unindent(LayoutAsPartial(File.ReadAllText(sources.Pages["default"]))));
        foreach (var (name, file) in sources.Pages)
        {
            if (name == "default") continue;
            using var reader = new StringReader("{{#> default}}" + Unindent(File.ReadAllText(file)) + "{{/default}}");
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
        template(output, model, null!);
    }

    /// <summary>
    /// Un-indents partial calls that stand on a line of their own. Handlebars.Net
    /// 2.4.3 renders such an indented partial through a path that skips the HTML encoder, so user
    /// text inside it would come out raw; without the indent it is encoded like everything else.
    /// </summary>
    private static string Unindent(string template) => IndentedPartial().Replace(template, "");

    [GeneratedRegex(@"(?m)^[ \t]+(?=\{\{~?#?>)")]
    private static partial Regex IndentedPartial();

    // Layouts are written Ghost's way, with {{{body}}} where the page goes.
    private static string LayoutAsPartial(string layout) => layout.Replace("{{{body}}}", "{{> @partial-block}}");
}
