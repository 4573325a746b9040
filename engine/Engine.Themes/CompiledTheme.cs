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
    private readonly Dictionary<string, List<Template>> _outlets;
    private readonly ScriptObject _builtins = ThemeFunctions.Build();
    private readonly ConcurrentBag<ThemeContext> _contexts = [];
    private readonly ThemeLimits _limits;

    public CompiledTheme(ThemeSources sources, ThemeLimits? limits = null) : this(sources, limits, direct: true) { }

    /// <param name="direct">False leaves every block to Scriban's own evaluation: tests compare the two.</param>
    internal CompiledTheme(ThemeSources sources, ThemeLimits? limits, bool direct)
    {
        Sources = sources;
        _limits = limits ?? new ThemeLimits();
        _partials = sources.Partials.ToDictionary(p => p.Key, p => Parse(p.Value), StringComparer.Ordinal);
        PersonalPartials = _partials.Where(p => PersonalPart.ReadsPersonal(p.Value.Page!)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        _outlets = OutletPlaces.All.ToDictionary(place => place, place => sources.Outlets.Where(o => o.Place == place).Select(o => ParseOutlet(o.File)).ToList(),
            StringComparer.Ordinal);
        _pages = sources.Pages.ToDictionary(p => p.Key, p => Inline(Parse(p.Value), sources, 0, direct ? PersonalPartials : null), StringComparer.Ordinal);
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
            var templates = _pages.Values.Concat(_partials.Values).Concat(_emails.Values).Concat(_outlets.Values.SelectMany(o => o)).Select(t => t.Page!).ToList();
            var names = ThemeNames.Of(templates, _builtins);
            var apart = _pages.ToDictionary(p => p.Key, p => PartsApart.Find(p.Value.Page!, PersonalPartials), StringComparer.Ordinal);
            foreach (var template in templates) DirectBlock.Install(template, names);
            LoopSlots = names.SlotCount;
            // Parts are prepared as they are installed: only then is it known which loop values each reads.
            _notApart = _pages.Keys.Where(p => p != Layout).ToDictionary(p => p, p => PartsApart.Why(apart[Layout], apart[p]), StringComparer.Ordinal);
        }
    }

    private readonly Dictionary<string, string?> _notApart = new(StringComparer.Ordinal);

    /// <summary>The partials that read the member's own values (<see cref="Pages.PersonalAttribute"/>).</summary>
    public IReadOnlySet<string> PersonalPartials { get; }

    /// <summary>
    /// Why a member's copy of <paramref name="page"/> cannot be written from a shared shell (a template reads a personal value
    /// outside a partial, say), or null when it can: see <see cref="RenderShell"/>.
    /// </summary>
    public string? WhyNotShared(string page) => _notApart.TryGetValue(page, out var why) ? why : $"the theme '{Name}' has no page '{page}'.";

    /// <summary>
    /// Writes <paramref name="page"/> as every signed-in member sees it, leaving a hole for each personal part, from
    /// <paramref name="shared"/> (a model with no member's values in it). Null when the page cannot be written so
    /// (<see cref="WhyNotShared"/>): write it whole for each member instead.
    /// </summary>
    /// <exception cref="ThemeRenderException">The template failed or hit a limit.</exception>
    public PageShell? RenderShell(string page, Pages.IPage shared, CancellationToken cancellation = default)
    {
        if (WhyNotShared(page) is not null) return null;
        var output = new StringBuilder(96 * 1024);
        var holes = new List<Hole>();
        try
        {
            Run(shared, output, encode: true, cancellation, null, holes, context => context.Evaluate(_pages[Layout].Page!), _pages[page]);
        }
        catch (NotApartException)
        {
            return null;
        }
        return new PageShell(this, page, shared, output, holes);
    }

    /// <summary>
    /// Writes one member's copy of each hole of <paramref name="shell"/> into <paramref name="output"/>, from
    /// <paramref name="model"/> (the shell's model with the member's frame and values) and <paramref name="personal"/>.
    /// </summary>
    /// <param name="ends">Where each hole's part ends in <paramref name="output"/>; as long as the shell has holes.</param>
    /// <exception cref="ThemeRenderException">The template failed or hit a limit.</exception>
    public void RenderPersonalParts(PageShell shell, Pages.IPage model, IPersonalValues? personal, StringBuilder output, int[] ends,
        CancellationToken cancellation = default)
    {
        if (!ReferenceEquals(shell.Theme, this)) throw new ArgumentException("the shell was written by another theme.", nameof(shell));
        Run(model, output, encode: true, cancellation, personal, null, context => context.WriteHoles(shell.Holes, ends), null);
    }

    /// <summary>How many loops of the chain keep their variable in a slot of the render context.</summary>
    internal int LoopSlots { get; }

    public ThemeSources Sources { get; }
    public string Name => Sources.Name;
    /// <summary>The chain's words in every language it ships (<c>locales/*.json</c>), read by <c>t</c>.</summary>
    public ThemeCatalogue Catalogue { get; }

    public bool HasPage(string page) => page != Layout && _pages.ContainsKey(page);

    internal Template? Partial(string name) => _partials.GetValueOrDefault(name);

    /// <summary>The plugins' templates for an outlet, in order; null for a place no theme has.</summary>
    internal IReadOnlyList<Template>? Outlet(string place) => _outlets.GetValueOrDefault(place);

    /// <summary>Renders <paramref name="page"/> inside the layout into <paramref name="output"/>.</summary>
    /// <exception cref="ThemeRenderException">The template failed or hit a limit; <paramref name="output"/> then holds part of a page, which the caller must not send.</exception>
    /// <param name="personal">The signed-in member's own values of shared records (their votes on a list's ideas), if any.</param>
    public void Render(string page, object model, StringBuilder output, CancellationToken cancellation = default, IPersonalValues? personal = null) =>
        Render(page, model, output, strict: false, cancellation, null, personal);

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

    private void Render(string page, object model, StringBuilder output, bool strict, CancellationToken cancellation, IReadOnlySet<string>? strictNames,
        IPersonalValues? personal = null)
    {
        if (!HasPage(page))
            throw new ThemeException(Path.Combine(Sources.Folders[^1], page + Extension), $"the theme '{Name}' has no page '{page}'.");
        Run(_pages[Layout], _pages[page], model, output, strict, encode: true, cancellation, strictNames, personal);
    }

    private void Run(Template layout, Template page, object model, StringBuilder output, bool strict, bool encode, CancellationToken cancellation,
        IReadOnlySet<string>? strictNames, IPersonalValues? personal = null)
    {
        if (strict)
        {
            var checking = new ThemeContext(this, _builtins, _limits with { Deadline = TimeSpan.FromSeconds(30) }, strict: true) { OtherPagesNames = strictNames };
            Run(checking, model, output, encode, cancellation, personal, null, context => context.Evaluate(layout.Page!), page);
            return;
        }
        Run(model, output, encode, cancellation, personal, null, context => context.Evaluate(layout.Page!), page);
    }

    private void Run(object model, StringBuilder output, bool encode, CancellationToken cancellation, IPersonalValues? personal, List<Hole>? holes,
        Action<ThemeContext> evaluate, Template? page)
    {
        var context = _contexts.TryTake(out var pooled) ? pooled : new ThemeContext(this, _builtins, _limits, strict: false);
        Run(context, model, output, encode, cancellation, personal, holes, evaluate, page);
        _contexts.Add(context);
    }

    private void Run(ThemeContext context, object model, StringBuilder output, bool encode, CancellationToken cancellation, IPersonalValues? personal,
        List<Hole>? holes, Action<ThemeContext> evaluate, Template? page)
    {
        context.Begin(model, page, output, encode, cancellation, personal, holes);
        try
        {
            evaluate(context);
        }
        catch (ScriptRuntimeException e) when (e.InnerException is NotApartException)
        {
            // Scriban wraps what a capture's or a function's body throws.
            throw new NotApartException();
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
    }

    /// <summary>
    /// Writes each <c>include 'name'</c> statement out in place, as the partial's own parsed statements (spans
    /// still name the partial's file and lines): a page of 200 ideas then makes no function call per partial.
    /// A partial that includes itself stops being written out after a few levels and stays a call, which the
    /// depth limit then stops at run time.
    /// </summary>
    /// <param name="personal">The partials written out as <see cref="PersonalPart"/>s, or null to write none so.</param>
    private static Template Inline(Template template, ThemeSources sources, int depth, IReadOnlySet<string>? personal)
    {
        InlineInto(template.Page!, sources, depth, personal);
        return template;
    }

    private const int InlineDepth = 8;

    private static void InlineInto(ScriptNode node, ThemeSources sources, int depth, IReadOnlySet<string>? personal)
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
                    InlineInto(body, sources, depth + 1, personal);
                    if (personal?.Contains(name) == true) PersonalStatements.Split(body, name);
                }
                else if (block.Statements[i] is ScriptExpressionStatement
                    {
                        Expression: ScriptFunctionCall { Target: ScriptVariable { Name: ThemeFunctions.OutletName }, Arguments: [ScriptLiteral { Value: string place }] }
                    } && OutletPlaces.All.Contains(place))
                {
                    // Each plugin's template for the place, in order, written out as a partial is; none leaves nothing.
                    var outlets = new ScriptBlockStatement();
                    foreach (var outlet in sources.Outlets.Where(o => o.Place == place))
                    {
                        var page = ParseOutlet(outlet.File).Page!;
                        var body = page.Body!;
                        page.Body = null;
                        outlets.Statements.Add(body);
                    }
                    block.Statements[i] = outlets;
                    InlineInto(outlets, sources, depth + 1, personal);
                }
                else InlineInto(block.Statements[i], sources, depth, personal);
            }
            return;
        }
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child) InlineInto(child, sources, depth, personal);
    }

    /// <summary>An outlet is written inside the shell every member shares: it may not read a member's own values.</summary>
    private static Template ParseOutlet(string file)
    {
        var template = Parse(file);
        if (PersonalPart.ReadsPersonal(template.Page!))
            throw new ThemeException(file, "an outlet may not read a member's own values (user, their votes, follow or allowance): it is written once for every member.");
        return template;
    }

    private static Template Parse(string file)
    {
        var template = Template.Parse(File.ReadAllText(file), file);
        if (template.HasErrors) throw new ThemeException(file, string.Join("; ", template.Messages.Select(m => m.ToString())));
        return template;
    }
}
