using Humanizer;

namespace Engine.Core.Text;

/// <summary>
/// "3 دن پہلے", "20 دن میں": relative times in Urdu, which Humanizer does not have. The phrases are CLDR's (the long
/// forms of ur's relative time fields; its plural categories are English's, one and other, and only the hour
/// differs between them), with CLDR's "گزشتہ کل" and "آئندہ کل" for one day; the units and thresholds stay Humanizer's.
/// </summary>
internal static class UrduRelativeTime
{
    private static readonly Dictionary<TimeUnit, (string Unit, string? OneUnit)> Units = new()
    {
        [TimeUnit.Second] = ("سیکنڈ", null),
        [TimeUnit.Minute] = ("منٹ", null),
        [TimeUnit.Hour] = ("گھنٹے", "گھنٹہ"),
        [TimeUnit.Day] = ("دن", null),
        [TimeUnit.Month] = ("ماہ", null),
        [TimeUnit.Year] = ("سال", null),
    };

    public static string Describe(TimeUnit unit, Tense tense, int count)
    {
        if (unit == TimeUnit.Millisecond || count == 0 && unit == TimeUnit.Second) return "اب";
        if (unit == TimeUnit.Day && count == 1) return tense == Tense.Past ? "گزشتہ کل" : "آئندہ کل";
        var (name, oneName) = Units[unit];
        // CLDR: "{0} گھنٹہ پہلے" for one hour ago, but "{0} گھنٹے میں" for one hour ahead.
        if (count == 1 && tense == Tense.Past && oneName is not null) name = oneName;
        var number = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return tense == Tense.Past ? $"{number} {name} پہلے" : $"{number} {name} میں";
    }
}
