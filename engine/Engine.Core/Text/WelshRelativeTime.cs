using Humanizer;

namespace Engine.Core.Text;

/// <summary>
/// "3 diwrnod yn ôl", "ymhen deufis": relative times in Welsh, which Humanizer does not have. The phrases are
/// CLDR's (the long forms of cy's relative time fields), chosen by CLDR's Welsh plural categories, with
/// CLDR's "ddoe" and "yfory" for one day; the units and thresholds stay Humanizer's, as in English.
/// </summary>
internal static class WelshRelativeTime
{
    /// <summary>A unit's phrases: past and future, each by plural category (zero, one, two, few, many, other).</summary>
    private sealed record Phrases(string[] Past, string[] Future);

    private static readonly Dictionary<TimeUnit, Phrases> Units = new()
    {
        [TimeUnit.Second] = new(Row("{0} eiliad yn ôl"), Row("ymhen {0} eiliad")),
        [TimeUnit.Minute] = new(Row("{0} munud yn ôl"), Row("ymhen {0} munud")),
        [TimeUnit.Hour] = new(Row("{0} awr yn ôl"), Row("ymhen {0} awr", one: "ymhen awr")),
        [TimeUnit.Day] = new(Row("{0} diwrnod yn ôl", one: "ddoe", two: "{0} ddiwrnod yn ôl"), Row("ymhen {0} diwrnod", one: "yfory", two: "ymhen deuddydd")),
        [TimeUnit.Month] = new(Row("{0} mis yn ôl", two: "{0} fis yn ôl"), Row("ymhen {0} mis", one: "ymhen mis", two: "ymhen deufis")),
        [TimeUnit.Year] = new(Row("{0} o flynyddoedd yn ôl", one: "blwyddyn yn ôl", two: "{0} flynedd yn ôl", fewAndMany: "{0} blynedd yn ôl"),
            Row("ymhen {0} mlynedd", one: "ymhen blwyddyn", two: "ymhen {0} flynedd", fewAndMany: "ymhen {0} blynedd")),
    };

    public static string Describe(TimeUnit unit, Tense tense, int count)
    {
        if (unit == TimeUnit.Millisecond || count == 0 && unit == TimeUnit.Second) return "nawr";
        var phrases = Units[unit];
        var row = tense == Tense.Past ? phrases.Past : phrases.Future;
        return row[Category(count)].Replace("{0}", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>CLDR's Welsh plural rule (zero: n = 0, one: n = 1, two: n = 2, few: n = 3, many: n = 6), as an index into a row.</summary>
    private static int Category(int n) => n switch { 0 => 0, 1 => 1, 2 => 2, 3 => 3, 6 => 4, _ => 5 };

    /// <summary>A row of phrases by category: <paramref name="other"/> (and zero's), unless a category has its own.</summary>
    private static string[] Row(string other, string? one = null, string? two = null, string? fewAndMany = null) =>
        [other, one ?? other, two ?? other, fewAndMany ?? other, fewAndMany ?? other, other];
}
