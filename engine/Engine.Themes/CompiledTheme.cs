using System.Collections.Concurrent;
using System.Text;
using Engine.Themes.Languages;
using Engine.Themes.Rendering;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Engine.Themes;

/// <summary>
/// Every template of one theme chain, parsed once, with the chain's frozen built-ins and a pool of render
/// contexts. A render writes the layout, the page where the layout says <c>{{ body }}</c>, and each
/// partial in place, straight into the caller's buffer.
/// </summary>
public sealed class CompiledTheme
{
    public const string Extension = ".sbn-html";
    public const string Layout = "default";

    private readonly Dictionary<string, Template> _pages;
    private readonly Dictionary<string, Template> _partials;
    private readonly Dictionary<string, Template> _emails;
    private readonly ScriptObject _builtins = ThemeFunctions.Build();
    private readonly ConcurrentBag<ThemeContext> _contexts = [];
    private readonly ThemeLimits _limits;

    public CompiledTheme(ThemeSources sources, ThemeLimits? limits = null) : this(sources, limits, direct: true) { }

    /// <param name="direct">False leaves every block to Scriban's own evaluation: tests compare the two.</param>
    internal CompiledTheme(ThemeSources sources, ThemeLimits? limits, bool direct)
    {
        Sources = sources;
        _limits = limits ?? new ThemeLimits();
        _pages = sources.Pages.ToDictionary(p => p.Key, p => Inline(Parse(p.Value), sources, 0), StringComparer.Ordinal);
        _partials = sources.Partials.ToDictionary(p => p.Key, p => Parse(p.Value), StringComparer.Ordinal);
        _emails = sources.Emails.ToDictionary(p => p.Key, p => Parse(p.Value), StringComparer.Ordinal);
        var catalogueIssues = new List<ThemeIssue>();
        Catalogue = ThemeCatalogue.Load(sources, catalogueIssues);
        if (catalogueIssues is [var bad, ..])
            throw new ThemeException(bad.File, bad.Line > 0 ? $"line {bad.Line}, column {bad.Column}: {bad.Message}" : bad.Message);
        if (!_pages.ContainsKey(Layout))
            throw new ThemeException(Path.Combine(sources.Folders[^1], Layout + Extension), $"the theme '{Name}' has no layout, in itself or any theme it builds on.");
        if (direct)
        {
            // Every template is read before any is installed: what one binds changes how another may read a name.
            var templates = _pages.Values.Concat(_partials.Values).Concat(_emails.Values).Select(t => t.Page!).ToList();
            var names = ThemeNames.Of(templates, _builtins);
            foreach (var template in templates) DirectBlock.Install(template, names);
            LoopSlots = names.SlotCount;
        }
    }

    /// <summary>How many loops of the chain keep their variable in a slot of the render context.</summary>
    internal int LoopSlots { get; }

    public ThemeSources Sources { get; }
    public string Name => Sources.Name;
    /// <summary>The chain's words in every language it ships (<c>locales/*.json</c>), read by <c>t</c>.</summary>
    public ThemeCatalogue Catalogue { get; }

    public bool HasPage(string page) => page != Layout && _pages.ContainsKey(page);

    internal Template? Partial(string name) => _partials.GetValueOrDefault(name);

    /// <summary>Renders <paramref name="page"/> inside the layout into <paramref name="output"/>.</summary>
    /// <exception cref="ThemeRenderException">The template failed or hit a limit; <paramref name="output"/> then holds part of a page, which the caller must not send.</exception>
    public void Render(string page, object model, StringBuilder output, CancellationToken cancellation = default) =>
        Render(page, model, output, strict: false, cancellation, null);

    /// <summary>
    /// Renders as the theme checker does: an unknown variable, member or function is an error, except a name
    /// in <paramref name="pageNames"/> (a variable some other page has: layouts and partials test for them).
    /// </summary>
    public void RenderStrict(string page, object model, StringBuilder output, IReadOnlySet<string>? pageNames = null) =>
        Render(page, model, output, strict: true, default, pageNames);

    public string Render(string page, object model)
    {
        var output = new StringBuilder();
        Render(page, model, output);
        return output.ToString();
    }

    public bool HasEmail(string name, EmailPart part) => _emails.ContainsKey(name + part.Extension());

    /// <summary>
    /// Renders one part of an email inside the emails' layout for that part (<c>emails/layout.sbn-html</c> or
    /// <c>.sbn-txt</c>). The HTML part is encoded as pages are; the plain text part is written as it is.
    /// </summary>
    public string RenderEmail(string name, object model, EmailPart part, bool strict = false)
    {
        var extension = part.Extension();
        var template = _emails.GetValueOrDefault(name + extension)
            ?? throw new ThemeException(Path.Combine(Sources.Folders[^1], "emails", name + extension), $"the theme '{Name}' has no email '{name + extension}'.");
        var layout = _emails.GetValueOrDefault("layout" + extension)
            ?? throw new ThemeException(Path.Combine(Sources.Folders[^1], "emails", "layout" + extension), $"the theme '{Name}' has no email layout 'layout{extension}'.");
        var output = new StringBuilder();
        Run(layout, template, model, output, strict, encode: part == EmailPart.Html, default, null);
        return output.ToString();
    }

    private void Render(string page, object model, StringBuilder output, bool strict, CancellationToken cancellation, IReadOnlySet<string>? strictNames)
    {
        if (!HasPage(page))
            throw new ThemeException(Path.Combine(Sources.Folders[^1], page + Extension), $"the theme '{Name}' has no page '{page}'.");
        Run(_pages[Layout], _pages[page], model, output, strict, encode: true, cancellation, strictNames);
    }

    private void Run(Template layout, Template page, object model, StringBuilder output, bool strict, bool encode, CancellationToken cancellation,
        IReadOnlySet<string>? strictNames)
    {
        var context = strict ? new ThemeContext(this, _builtins, _limits with { Deadline = TimeSpan.FromSeconds(30) }, strict: true) { OtherPagesNames = strictNames }
            : _contexts.TryTake(out var pooled) ? pooled : new ThemeContext(this, _builtins, _limits, strict: false);
        context.Begin(model, page, output, encode, cancellation);
        try
        {
            context.Evaluate(layout.Page!);
        }
        catch (ScriptRuntimeException e) when (cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException("the request ended during the render.", e, cancellation);
        }
        catch (ScriptRuntimeException e)
        {
            // The context is left mid-render: it is dropped, not pooled.
            throw new ThemeRenderException(Name, e.Span, e.OriginalMessage, e);
        }
        context.End();
        if (!strict) _contexts.Add(context);
    }

    /// <summary>
    /// Writes each <c>include 'name'</c> statement out in place, as the partial's own parsed statements (spans
    /// still name the partial's file and lines): a page of 200 ideas then makes no function call per partial.
    /// A partial that includes itself stops being written out after a few levels and stays a call, which the
    /// depth limit then stops at run time.
    /// </summary>
    private static Template Inline(Template template, ThemeSources sources, int depth)
    {
        InlineInto(template.Page!, sources, depth);
        return template;
    }

    private const int InlineDepth = 8;

    private static void InlineInto(ScriptNode node, ThemeSources sources, int depth)
    {
        if (node is ScriptBlockStatement block)
        {
            for (var i = 0; i < block.Statements.Count; i++)
            {
                if (depth < InlineDepth && block.Statements[i] is ScriptExpressionStatement
                    {
                        Expression: ScriptFunctionCall { Target: ScriptVariable { Name: "include" }, Arguments: [ScriptLiteral { Value: string name }] }
                    } && sources.Partials.TryGetValue(name, out var file))
                {
                    var partial = Parse(file).Page!;
                    var body = partial.Body!;
                    partial.Body = null; // a node has one parent: the partial's page lets go of it first
                    block.Statements[i] = body;
                    InlineInto(body, sources, depth + 1);
                }
                else InlineInto(block.Statements[i], sources, depth);
            }
            return;
        }
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child) InlineInto(child, sources, depth);
    }

    private static Template Parse(string file)
    {
        var template = Template.Parse(File.ReadAllText(file), file);
        if (template.HasErrors) throw new ThemeException(file, string.Join("; ", template.Messages.Select(m => m.ToString())));
        return template;
    }
}
