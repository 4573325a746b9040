namespace Engine.Themes;

/// <summary>One finding of the theme validator, with a stable rule id (as gscan has) and the file at fault.</summary>
public sealed record ThemeIssue(string Rule, string File, string Message)
{
    public override string ToString() => $"{Rule} {File}: {Message}";
}

public static class ThemeRules
{
    public const string Manifest = "THEME-MANIFEST";
    public const string RequiredTemplate = "THEME-REQUIRED-TEMPLATE";
    public const string Compile = "THEME-COMPILE";
    public const string UnknownPartial = "THEME-UNKNOWN-PARTIAL";
    public const string UnknownHelper = "THEME-UNKNOWN-HELPER";
}
