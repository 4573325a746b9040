namespace Engine.Themes.Languages;

/// <summary>
/// CLDR's plural categories (zero, one, two, few, many, other) for the languages whose catalogues we ship,
/// as CLDR's plurals.xml writes them. A language without rules here has only "other", which every plural
/// entry must have.
/// </summary>
public static class PluralRules
{
    public const string Zero = "zero", One = "one", Two = "two", Few = "few", Many = "many", Other = "other";

    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal) { Zero, One, Two, Few, Many, Other };

    /// <summary>The languages (two-letter codes) whose rules are written here.</summary>
    public static readonly IReadOnlySet<string> Languages = new HashSet<string>(StringComparer.Ordinal) { "en", "cy", "ur" };

    /// <summary>The category of <paramref name="number"/> in <paramref name="language"/> ("cy", "cy-GB", "en").</summary>
    /// <param name="number">A decimal keeps the digits written after the point (CLDR's v): English "1.0" is "other", "1" is "one".</param>
    public static string Category(string language, decimal number)
    {
        var n = Math.Abs(number);
        return Language(language) switch
        {
            // en, ur: one = i = 1 and v = 0
            "en" or "ur" => n == 1 && Scale(number) == 0 ? One : Other,
            // cy: zero = n = 0; one = n = 1; two = n = 2; few = n = 3; many = n = 6
            "cy" => n switch { 0 => Zero, 1 => One, 2 => Two, 3 => Few, 6 => Many, _ => Other },
            _ => Other,
        };
    }

    public static string Category(string language, object? number) => number switch
    {
        int i => Category(language, (decimal)i),
        long l => Category(language, (decimal)l),
        decimal d => Category(language, d),
        double d when double.IsFinite(d) => Category(language, (decimal)d),
        float f when float.IsFinite(f) => Category(language, (decimal)f),
        _ => Other,
    };

    /// <summary>"cy-GB" is "cy".</summary>
    public static string Language(string culture)
    {
        var dash = culture.IndexOf('-');
        return (dash < 0 ? culture : culture[..dash]).ToLowerInvariant();
    }

    private static int Scale(decimal number) => number.Scale;
}
