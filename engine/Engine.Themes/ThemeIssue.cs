namespace Engine.Themes;

/// <summary>One finding of the theme checker, with a stable rule id (as gscan has), the file, line and column at fault.</summary>
public sealed record ThemeIssue(string Rule, string File, string Message, int Line = 0, int Column = 0)
{
    public override string ToString() => Line > 0 ? $"{Rule} {File}({Line},{Column}): {Message}" : $"{Rule} {File}: {Message}";
}

public static class ThemeRules
{
    public const string Manifest = "THEME-MANIFEST";
    public const string RequiredTemplate = "THEME-REQUIRED-TEMPLATE";
    public const string Compile = "THEME-COMPILE";
    public const string UnknownPartial = "THEME-UNKNOWN-PARTIAL";
    public const string DynamicInclude = "THEME-DYNAMIC-INCLUDE";
    public const string UnsafeContext = "THEME-UNSAFE-CONTEXT";
    public const string Unsupported = "THEME-UNSUPPORTED";
    public const string Render = "THEME-RENDER";
    public const string Catalogue = "THEME-CATALOGUE";
    public const string UnknownKey = "THEME-UNKNOWN-KEY";
    public const string Untranslated = "THEME-UNTRANSLATED";
    public const string UnknownOutlet = "THEME-UNKNOWN-OUTLET";
}
