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
