using System.Text;
using System.Text.RegularExpressions;
using Scriban;
using Scriban.Syntax;

namespace Engine.Themes;

/// <summary>
/// Checks a theme chain before any tenant uses it, as Ghost's gscan does: every page the engine renders
/// has a template, every file parses, includes name partials that exist, no value is written where
/// encoding cannot make it safe, and each page renders against sample models with strict variables, so
/// a misspelt variable or function is reported with its file, line and column. A theme with issues is
/// not served.
/// </summary>
public static partial class ThemeValidator
{
    public static readonly IReadOnlyList<string> RequiredPages =
        ["default", "index", "challenge", "idea", "new-idea", "register", "signin", "message", "search", "numbers", "news", "news-item", "roadmap", "tokens"];

    /// <param name="samples">Pages to render strictly, with a model each (the engine passes its sample page models).</param>
    /// <param name="emails">Emails to render strictly, every part of each, with a model each (the engine passes its sample emails).</param>
    public static IReadOnlyList<ThemeIssue> Validate(ThemeSources sources, IEnumerable<(string Page, object Model)>? samples = null,
        IEnumerable<(string Template, object Model)>? emails = null)
    {
        var issues = new List<ThemeIssue>();
        foreach (var page in RequiredPages)
            if (!sources.Pages.ContainsKey(page))
                issues.Add(new ThemeIssue(ThemeRules.RequiredTemplate, Path.Combine(sources.Folders[^1], page + CompiledTheme.Extension),
                    $"the theme '{sources.Name}' has no {page}{CompiledTheme.Extension}, in itself or any theme it builds on."));

        var catalogue = Languages.CatalogueCheck.Catalogue(sources, issues);
        CheckOutletWords(sources, catalogue, issues);
        var outletFiles = sources.Outlets.Select(o => o.File).ToHashSet(StringComparer.Ordinal);
        foreach (var file in sources.Pages.Values.Concat(sources.Partials.Values).Concat(sources.Emails.Values).Concat(outletFiles))
        {
            var text = File.ReadAllText(file);
            var template = Template.Parse(text, file);
            if (template.HasErrors)
            {
                foreach (var message in template.Messages)
                    issues.Add(new ThemeIssue(ThemeRules.Compile, file, message.Message, message.Span.Start.Line + 1, message.Span.Start.Column + 1));
                continue;
            }
            CheckNodes(template.Page!, file, sources, issues, inOutlet: outletFiles.Contains(file));
            Languages.CatalogueCheck.Keys(template.Page!, file, catalogue, issues);
            if (file.EndsWith(CompiledTheme.Extension, StringComparison.Ordinal)) CheckContexts(text, file, issues);
        }
        if (issues.Count > 0 || samples is null) return issues;

        var theme = new CompiledTheme(sources);
        var output = new StringBuilder();
        var pages = samples.ToList();
        // A layout or partial shared by pages may test a variable only some pages have; a name no page has is misspelt.
        var pageNames = pages.SelectMany(p => TopLevelNames(p.Model)).ToHashSet(StringComparer.Ordinal);
        // One mistake in a layout or partial fails every page that uses it: it is reported once, naming those pages.
        var failures = new Dictionary<(string File, int Line, int Column, string Reason), SortedSet<string>>();
        void Failed(ThemeRenderException e, string rendering)
        {
            var at = (e.File, e.Line, e.Column, e.Reason);
            if (!failures.TryGetValue(at, out var failing)) failures[at] = failing = new SortedSet<string>(StringComparer.Ordinal);
            failing.Add(rendering);
        }
        foreach (var (page, model) in pages)
        {
            if (!theme.HasPage(page)) continue;
            try { theme.RenderStrict(page, model, output.Clear(), pageNames); }
            catch (ThemeRenderException e) { Failed(e, page); }
        }
        foreach (var (template, model) in emails ?? [])
            foreach (var part in Enum.GetValues<EmailPart>())
            {
                var name = $"emails/{template}{part.Extension()}";
                if (!theme.HasEmail(template, part))
                {
                    if (!issues.Any(i => i.File.EndsWith(name, StringComparison.Ordinal)))
                        issues.Add(new ThemeIssue(ThemeRules.RequiredTemplate, Path.Combine(sources.Folders[^1], name),
                            $"the theme '{sources.Name}' has no {name}, in itself or any theme it builds on."));
                    continue;
                }
                try { theme.RenderEmail(template, model, part, strict: true); }
                catch (ThemeRenderException e) { Failed(e, name); }
            }
        foreach (var ((file, line, column, reason), failing) in failures)
            issues.Add(new ThemeIssue(ThemeRules.Render, file, $"{reason} (rendering {string.Join(", ", failing.Select(p => $"'{p}'"))} with sample data)", line, column));
        return issues;
    }

    private static IEnumerable<string> TopLevelNames(object model)
    {
        var accessor = Rendering.ViewAccessor.For(model.GetType());
        var names = accessor.Names.ToList();
        if (accessor.TryGetValue(model, "frame", out var frame) && frame is not null) names.AddRange(Rendering.ViewAccessor.For(frame.GetType()).Names);
        return names;
    }

    /// <summary>Includes must name a partial of the chain, literally; capture would encode its text twice.</summary>
    private static void CheckNodes(ScriptNode node, string file, ThemeSources sources, List<ThemeIssue> issues, bool inOutlet)
    {
        if (node is ScriptFunctionCall { Target: ScriptVariable { Name: Rendering.ThemeFunctions.OutletName } } outlet)
        {
            var (line, column) = (outlet.Span.Start.Line + 1, outlet.Span.Start.Column + 1);
            if (inOutlet)
                issues.Add(new ThemeIssue(ThemeRules.UnknownOutlet, file, "an outlet cannot write other outlets.", line, column));
            else if (outlet.Arguments.Count != 1 || outlet.Arguments[0] is not ScriptLiteral { Value: string place } || !OutletPlaces.All.Contains(place))
                issues.Add(new ThemeIssue(ThemeRules.UnknownOutlet, file,
                    $"outlet takes one place, written as a quoted string, one of: {string.Join(", ", OutletPlaces.All.Select(p => $"outlet '{p}'"))}.", line, column));
        }
        if (node is ScriptFunctionCall { Target: ScriptVariable { Name: "include" } } call)
        {
            var (line, column) = (call.Span.Start.Line + 1, call.Span.Start.Column + 1);
            if (call.Arguments.Count != 1 || call.Arguments[0] is not ScriptLiteral { Value: string name })
                issues.Add(new ThemeIssue(ThemeRules.DynamicInclude, file, "include takes one partial name, written as a quoted string: include 'idea-card'.", line, column));
            else if (!sources.Partials.ContainsKey(name))
                issues.Add(new ThemeIssue(ThemeRules.UnknownPartial, file, $"there is no partial named '{name}' (partials/{name}{CompiledTheme.Extension}) in the theme or the themes it builds on.", line, column));
        }
        if (node is ScriptCaptureStatement)
            issues.Add(new ThemeIssue(ThemeRules.Unsupported, file, "capture is not supported: what it captures would be encoded a second time when written. Use a partial.",
                node.Span.Start.Line + 1, node.Span.Start.Column + 1));
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child) CheckNodes(child, file, sources, issues, inOutlet);
    }

    /// <summary>A plugin's words are under its own keys (plugin.&lt;id&gt;.…): it can add to a theme's catalogue, never reword it.</summary>
    private static void CheckOutletWords(ThemeSources sources, Languages.ThemeCatalogue catalogue, List<ThemeIssue> issues)
    {
        foreach (var outlet in sources.Outlets.DistinctBy(o => o.Plugin))
        {
            var folder = Path.Combine(outlet.PluginFolder, Languages.ThemeCatalogue.Folder);
            foreach (var file in catalogue.Files.Where(f => Path.GetDirectoryName(f.Path) == folder))
                foreach (var (key, entry) in file.Entries)
                    if (!key.StartsWith(outlet.KeyPrefix, StringComparison.Ordinal))
                        issues.Add(new ThemeIssue(ThemeRules.Catalogue, file.Path,
                            $"'{key}' is not one of the plugin's own words: a plugin's keys start with '{outlet.KeyPrefix}'.", entry.Line, entry.Column));
        }
    }

    /// <summary>HTML encoding keeps a value inert in text and attributes, not inside a script, a style or an event handler.</summary>
    private static void CheckContexts(string text, string file, List<ThemeIssue> issues)
    {
        foreach (Match m in UnsafeContext().Matches(text))
        {
            var at = m.Index + m.Value.IndexOf("{{", StringComparison.Ordinal);
            var (line, column) = LineAndColumn(text, at);
            issues.Add(new ThemeIssue(ThemeRules.UnsafeContext, file,
                "a value is written inside a <script>, a <style> or an on... attribute, where encoding cannot make it safe. Put data in a data- attribute and read it from a script file.",
                line, column));
        }
    }

    private static (int Line, int Column) LineAndColumn(string text, int index)
    {
        var line = text.AsSpan(0, index).Count('\n') + 1;
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (line, index - lineStart + 1);
    }

    [GeneratedRegex(@"<script\b[^>]*>(?:(?!</script>).)*?\{\{|<style\b[^>]*>(?:(?!</style>).)*?\{\{|\son[a-z]+\s*=\s*(?:""[^""]*|'[^']*|[^\s>]*)\{\{",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex UnsafeContext();
}
