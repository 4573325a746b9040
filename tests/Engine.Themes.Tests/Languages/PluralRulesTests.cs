using System.Globalization;
using Engine.Themes.Languages;

namespace Engine.Themes.Tests.Languages;

/// <summary>Every sample CLDR publishes with its plural rules (common/supplemental/plurals.xml) falls in its own category.</summary>
public class PluralRulesTests
{
    // Copied from CLDR's plurals.xml: the rule (kept to read beside the code) and its @integer and @decimal samples.
    private static readonly (string Language, string Category, string Rule)[] Cldr =
    [
        ("en", "one", "i = 1 and v = 0 @integer 1"),
        ("en", "other", " @integer 0, 2~16, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …"),
        ("ur", "one", "i = 1 and v = 0 @integer 1"),
        ("ur", "other", " @integer 0, 2~16, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …"),
        ("cy", "zero", "n = 0 @integer 0 @decimal 0.0, 0.00, 0.000, 0.0000"),
        ("cy", "one", "n = 1 @integer 1 @decimal 1.0, 1.00, 1.000, 1.0000"),
        ("cy", "two", "n = 2 @integer 2 @decimal 2.0, 2.00, 2.000, 2.0000"),
        ("cy", "few", "n = 3 @integer 3 @decimal 3.0, 3.00, 3.000, 3.0000"),
        ("cy", "many", "n = 6 @integer 6 @decimal 6.0, 6.00, 6.000, 6.0000"),
        ("cy", "other", " @integer 4, 5, 7~20, 100, 1000, 10000, 100000, 1000000, … @decimal 0.1~0.9, 1.1~1.7, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …"),
    ];

    public static TheoryData<string, string, string> Samples()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (language, category, rule) in Cldr)
            foreach (var sample in Expand(rule)) data.Add(language, category, sample);
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_CLDR_sample_is_in_its_category(string language, string category, string sample) =>
        PluralRules.Category(language, decimal.Parse(sample, CultureInfo.InvariantCulture)).Should().Be(category, $"CLDR puts {sample} in '{category}' for {language}");

    [Fact]
    public void The_samples_cover_every_category_of_both_languages()
    {
        Samples().Select(row => ((string)row[0], (string)row[1])).Distinct().Should().HaveCount(Cldr.Length);
        Samples().Count().Should().BeGreaterThan(60);
    }

    [Fact]
    public void A_region_uses_its_language_s_rules_and_a_language_without_rules_has_only_other()
    {
        PluralRules.Category("cy-GB", 2).Should().Be("two");
        PluralRules.Category("en-GB", 1).Should().Be("one");
        PluralRules.Category("ja", 1).Should().Be("other");
        PluralRules.Category("cy", (object)6L).Should().Be("many");
        PluralRules.Category("en", (object)1.5).Should().Be("other");
    }

    /// <summary>"7~20" is every integer from 7 to 20; "0.1~0.9" every decimal between, in steps of its last digit.</summary>
    private static IEnumerable<string> Expand(string rule)
    {
        foreach (var part in rule.Split('@').Skip(1))
        {
            var samples = part[(part.IndexOf(' ') + 1)..];
            foreach (var raw in samples.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (raw == "…") continue;
                if (!raw.Contains('~')) { yield return raw; continue; }
                var (from, to) = (raw.Split('~')[0], raw.Split('~')[1]);
                var scale = from.Contains('.') ? from.Length - from.IndexOf('.') - 1 : 0;
                var step = 1m / (decimal)Math.Pow(10, scale);
                for (var n = decimal.Parse(from, CultureInfo.InvariantCulture); n <= decimal.Parse(to, CultureInfo.InvariantCulture); n += step)
                    yield return n.ToString("F" + scale, CultureInfo.InvariantCulture);
            }
        }
    }
}
