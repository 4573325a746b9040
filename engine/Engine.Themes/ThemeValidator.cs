using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace Engine.Themes;

/// <summary>
/// Checks a theme chain before any tenant uses it, as Ghost's gscan does: required templates,
/// compile errors, partials and helpers that do not exist. A theme with issues is not served.
/// </summary>
public static partial class ThemeValidator
{
    public static readonly IReadOnlyList<string> RequiredPages =
        ["default", "index", "challenge", "idea", "new-idea", "register", "signin", "message", "search", "numbers", "news", "news-item", "roadmap", "tokens"];

    // Handlebars' own helpers; a theme may use these and nothing else until the engine offers more.
    private static readonly HashSet<string> KnownHelpers =
        ["if", "unless", "each", "with", "lookup", "log", "else", "this"];

    public static IReadOnlyList<ThemeIssue> Validate(ThemeSources sources)
    {
        var issues = new List<ThemeIssue>();
        foreach (var page in RequiredPages)
            if (!sources.Pages.ContainsKey(page))
                issues.Add(new ThemeIssue(ThemeRules.RequiredTemplate, Path.Combine(sources.Folders[^1], page + ".hbs"),
                    $"the theme '{sources.Name}' has no {page}.hbs, in itself or any theme it builds on."));

        var env = Handlebars.Create();
        foreach (var file in sources.Pages.Values.Concat(sources.Partials.Values))
        {
            var text = File.ReadAllText(file);
            try { env.Compile(text); }
            catch (HandlebarsException e) { issues.Add(new ThemeIssue(ThemeRules.Compile, file, e.Message)); continue; }

            foreach (Match m in PartialReference().Matches(text))
            {
                var name = m.Groups[1].Value;
                if (name != "@partial-block" && !sources.Partials.ContainsKey(name) && name != "default")
                    issues.Add(new ThemeIssue(ThemeRules.UnknownPartial, file, $"line {LineOf(text, m.Index)}: no partial named '{name}'."));
            }
            foreach (var (name, index) in HelperCalls(text))
                if (!KnownHelpers.Contains(name))
                    issues.Add(new ThemeIssue(ThemeRules.UnknownHelper, file, $"line {LineOf(text, index)}: no helper named '{name}'."));
        }
        return issues;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    /// <summary>Names used as helpers: every block ({{#name ...}}) and every mustache with arguments ({{name arg}}).</summary>
    private static IEnumerable<(string Name, int Index)> HelperCalls(string text)
    {
        foreach (Match m in Mustache().Matches(text))
        {
            var inner = m.Groups[1].Value.Trim('~', ' ', '\t', '\r', '\n');
            if (inner.Length == 0 || inner[0] is '>' or '!' or '/' or '^') continue;
            var block = inner[0] == '#';
            var parts = inner.TrimStart('#', ' ').Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts[0] == "else" || parts[0].StartsWith('>') || parts[0].StartsWith('@')) continue;
            if (block || parts.Length > 1) yield return (parts[0], m.Index);
        }
    }

    [GeneratedRegex(@"\{\{#?>\s*([@\w./-]+)")] private static partial Regex PartialReference();
    [GeneratedRegex(@"\{\{\{?([^{}]*)\}?\}\}")] private static partial Regex Mustache();
}
