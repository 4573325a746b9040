using Engine.Themes;
using Engine.Themes.Pages;

namespace Engine.Web.Hosting;

/// <summary>
/// The theme checker from the command line, for a region's web team (no database, no tenants needed):
///   dotnet Engine.Web.dll theme check themes/my-region [--overrides tenants/x/overrides]
///   dotnet Engine.Web.dll theme reference      (the variables of every page, as docs/themes.md lists them)
/// The theme folder sits beside the themes it builds on. Exit code 0: no problems; 1: problems; 2: bad use.
/// </summary>
public static class ThemeCommands
{
    public static bool Wanted(string[] args) => args.Length > 0 && args[0] == "theme";

    public static int Run(string[] args, TextWriter output)
    {
        switch (args)
        {
            case ["theme", "check", var folder, ..]:
            {
                var overrides = args is [_, _, _, "--overrides", var o] ? Path.GetFullPath(o) : null;
                var full = Path.GetFullPath(folder.TrimEnd('/', '\\'));
                if (!Directory.Exists(full))
                {
                    output.WriteLine($"{folder}: no such folder. Give the theme's folder, e.g. themes/nhs.");
                    return 2;
                }
                var root = Path.GetDirectoryName(full)!;
                var name = Path.GetFileName(full);
                IReadOnlyList<ThemeIssue> issues;
                try { issues = ThemeValidator.Validate(ThemeSources.Load(root, name, overrides), PageSamples.All().Select(s => (s.Page, (object)s.Model)), Email.EmailSamples.All()); }
                catch (ThemeException e) { issues = [new ThemeIssue(ThemeRules.Manifest, e.File, e.Message)]; }
                foreach (var issue in issues) output.WriteLine(issue);
                output.WriteLine(issues.Count == 0
                    ? $"Theme '{name}' ({full}): no problems; every page and email parsed and rendered against the sample data."
                    : $"Theme '{name}' ({full}): {issues.Count} problem(s); a theme with problems is not served (its tenants get 'base').");
                return issues.Count == 0 ? 0 : 1;
            }
            case ["theme", "reference"]:
                output.Write(Reference());
                return 0;
            default:
                output.WriteLine("Usage: theme check <theme folder> [--overrides <folder>] | theme reference");
                return 2;
        }
    }

    /// <summary>The variables reference of docs/themes.md, written from the page records.</summary>
    public static string Reference() =>
        ThemeReference.Markdown(PageSamples.All().Select(s => (s.Page, s.Model.GetType())), typeof(PageFrame));
}
