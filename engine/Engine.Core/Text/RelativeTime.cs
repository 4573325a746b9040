using System.Collections.Concurrent;
using System.Globalization;
using Humanizer;

namespace Engine.Core.Text;

/// <summary>
/// "3 days ago", in the page's language, with Humanizer's wording and thresholds (and, for Welsh and Urdu, which Humanizer
/// lacks, CLDR's wording: see <see cref="WelshRelativeTime"/> and <see cref="UrduRelativeTime"/>). Humanizer reads each
/// phrase from its resources under a lock on every call, which a page of 30 ideas served to many members
/// at once turns into contention; here the unit is worked out in plain code and each phrase is looked up
/// once per language, unit, tense and count. A test compares the result with Humanizer's over three years of spans.
/// </summary>
public static class RelativeTime
{
    private static readonly ConcurrentDictionary<(string Culture, TimeUnit Unit, Tense Tense, int Count), string> Phrases = new();

    public static string Describe(DateTimeOffset when, DateTimeOffset now, CultureInfo culture)
    {
        // Humanizer compares DateTimeOffsets in UTC, calendar days included.
        var input = when.UtcDateTime;
        var comparisonBase = now.UtcDateTime;
        var tense = input > comparisonBase ? Tense.Future : Tense.Past;
        var ts = (comparisonBase - input).Duration();
        var (unit, count) = ts switch
        {
            { TotalMilliseconds: < 500 } => (TimeUnit.Millisecond, 0),
            { TotalSeconds: < 60 } => (TimeUnit.Second, ts.Seconds),
            { TotalSeconds: < 120 } => (TimeUnit.Minute, 1),
            { TotalMinutes: < 60 } => (TimeUnit.Minute, ts.Minutes),
            { TotalMinutes: < 90 } => (TimeUnit.Hour, 1),
            { TotalHours: < 24 } => (TimeUnit.Hour, ts.Hours),
            { TotalHours: < 48 } => (TimeUnit.Day, Math.Abs((input.Date - comparisonBase.Date).Days)),
            { TotalDays: < 28 } => (TimeUnit.Day, ts.Days),
            { TotalDays: < 30 } => comparisonBase.Date.AddMonths(tense == Tense.Future ? 1 : -1) == input.Date ? (TimeUnit.Month, 1) : (TimeUnit.Day, ts.Days),
            { TotalDays: < 345 } => (TimeUnit.Month, (int)Math.Floor(ts.TotalDays / 29.5)),
            _ => (TimeUnit.Year, Math.Max(1, (int)Math.Floor(ts.TotalDays / 365))),
        };
        return Phrases.GetOrAdd((culture.Name, unit, tense, count),
            static (key, culture) => culture.TwoLetterISOLanguageName switch
            {
                "cy" => WelshRelativeTime.Describe(key.Unit, key.Tense, key.Count),
                "ur" => UrduRelativeTime.Describe(key.Unit, key.Tense, key.Count),
                _ => Configurator.Formatters.ResolveForCulture(culture).DateHumanize(key.Unit, key.Tense, key.Count),
            }, culture);
    }
}
