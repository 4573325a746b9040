using System.Globalization;
using Engine.Core.Text;
using Humanizer;

namespace Engine.Core.Tests.Text;

public class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 14, 35, 17, 250, TimeSpan.Zero);

    public static TheoryData<string> Cultures => new() { "en-GB", "en-US", "fr-FR", "de-DE" };

    /// <summary>Every span from now to three years away, past and future, at steps that cross each of Humanizer's thresholds.</summary>
    private static IEnumerable<TimeSpan> Spans()
    {
        for (var ms = 0; ms < 2_000; ms += 125) yield return TimeSpan.FromMilliseconds(ms);
        for (var s = 0; s < 2 * 3600; s += 7) yield return TimeSpan.FromSeconds(s);
        for (var m = 0; m < 3 * 24 * 60; m += 13) yield return TimeSpan.FromMinutes(m);
        for (var h = 0; h < 3 * 365 * 24; h += 5) yield return TimeSpan.FromHours(h) + TimeSpan.FromSeconds(h % 61);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Says_exactly_what_Humanizer_says_for_every_span_in_the_past_and_the_future(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        var checkedSpans = 0;
        foreach (var span in Spans())
        {
            foreach (var when in new[] { Now - span, Now + span })
            {
                RelativeTime.Describe(when, Now, culture).Should().Be(when.Humanize(Now, culture), $"{when:O} against {Now:O} in {name}");
                checkedSpans++;
            }
        }
        checkedSpans.Should().BeGreaterThan(10_000);
    }

    [Fact]
    public void Reads_naturally_in_british_english()
    {
        var culture = CultureInfo.GetCultureInfo("en-GB");
        RelativeTime.Describe(Now, Now, culture).Should().Be("now");
        RelativeTime.Describe(Now.AddMinutes(-5), Now, culture).Should().Be("5 minutes ago");
        RelativeTime.Describe(Now.AddDays(-3), Now, culture).Should().Be("3 days ago");
        RelativeTime.Describe(Now.AddDays(10), Now, culture).Should().Be("10 days from now");
    }
}

/// <summary>Welsh, which Humanizer lacks: CLDR's cy phrases, chosen by CLDR's Welsh plural categories, at Humanizer's thresholds.</summary>
public class WelshRelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 14, 35, 17, 250, TimeSpan.Zero);
    private static readonly CultureInfo Welsh = CultureInfo.GetCultureInfo("cy-GB");

    [Theory]
    [InlineData(0.2, "nawr")]
    [InlineData(5, "5 eiliad yn ôl")]
    [InlineData(90, "1 munud yn ôl")]
    [InlineData(2 * 60, "2 munud yn ôl")]
    [InlineData(3 * 3600, "3 awr yn ôl")]
    [InlineData(30 * 3600, "ddoe")]
    [InlineData(2 * 86400, "2 ddiwrnod yn ôl")]
    [InlineData(3 * 86400, "3 diwrnod yn ôl")]
    [InlineData(6 * 86400, "6 diwrnod yn ôl")]
    [InlineData(62 * 86400, "2 fis yn ôl")]
    [InlineData(100 * 86400, "3 mis yn ôl")]
    [InlineData(400 * 86400, "blwyddyn yn ôl")]
    [InlineData(2 * 366 * 86400, "2 flynedd yn ôl")]
    [InlineData(3 * 366 * 86400, "3 blynedd yn ôl")]
    [InlineData(5 * 366 * 86400, "5 o flynyddoedd yn ôl")]
    [InlineData(6 * 366 * 86400, "6 blynedd yn ôl")]
    public void The_past_reads_as_CLDR_writes_it(double seconds, string expected) =>
        RelativeTime.Describe(Now.AddSeconds(-seconds), Now, Welsh).Should().Be(expected);

    [Theory]
    [InlineData(3 * 3600 + 10, "ymhen 3 awr")]
    [InlineData(75 * 60, "ymhen awr")]
    [InlineData(30 * 3600, "yfory")]
    [InlineData(2 * 86400 + 10, "ymhen deuddydd")]
    [InlineData(10 * 86400 + 10, "ymhen 10 diwrnod")]
    [InlineData(35 * 86400, "ymhen mis")]
    [InlineData(62 * 86400, "ymhen deufis")]
    [InlineData(2 * 366 * 86400, "ymhen 2 flynedd")]
    [InlineData(10 * 366 * 86400, "ymhen 10 mlynedd")]
    public void The_future_reads_as_CLDR_writes_it(double seconds, string expected) =>
        RelativeTime.Describe(Now.AddSeconds(seconds), Now, Welsh).Should().Be(expected);

    [Fact]
    public void Welsh_is_chosen_by_language_and_English_is_left_as_Humanizer_has_it()
    {
        RelativeTime.Describe(Now.AddDays(-2), Now, CultureInfo.GetCultureInfo("cy")).Should().Be("2 ddiwrnod yn ôl");
        RelativeTime.Describe(Now.AddDays(-2), Now, CultureInfo.GetCultureInfo("en-GB")).Should().Be("2 days ago");
    }
}

/// <summary>Urdu, which Humanizer lacks: CLDR's ur phrases (one and other), at Humanizer's thresholds.</summary>
public class UrduRelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 14, 35, 17, 250, TimeSpan.Zero);
    private static readonly CultureInfo Urdu = CultureInfo.GetCultureInfo("ur");

    [Theory]
    [InlineData(0.2, "اب")]
    [InlineData(5, "5 سیکنڈ پہلے")]
    [InlineData(90, "1 منٹ پہلے")]
    [InlineData(75 * 60, "1 گھنٹہ پہلے")]
    [InlineData(3 * 3600, "3 گھنٹے پہلے")]
    [InlineData(30 * 3600, "گزشتہ کل")]
    [InlineData(3 * 86400, "3 دن پہلے")]
    [InlineData(100 * 86400, "3 ماہ پہلے")]
    [InlineData(2 * 366 * 86400, "2 سال پہلے")]
    public void The_past_reads_as_CLDR_writes_it(double seconds, string expected) =>
        RelativeTime.Describe(Now.AddSeconds(-seconds), Now, Urdu).Should().Be(expected);

    [Theory]
    [InlineData(75 * 60, "1 گھنٹے میں")]
    [InlineData(30 * 3600, "آئندہ کل")]
    [InlineData(20 * 86400 + 10, "20 دن میں")]
    [InlineData(62 * 86400, "2 ماہ میں")]
    public void The_future_reads_as_CLDR_writes_it(double seconds, string expected) =>
        RelativeTime.Describe(Now.AddSeconds(seconds), Now, Urdu).Should().Be(expected);
}
