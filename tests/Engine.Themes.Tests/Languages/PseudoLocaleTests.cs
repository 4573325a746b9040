using System.Globalization;
using System.Text;
using Engine.Themes.Languages;

namespace Engine.Themes.Tests.Languages;

/// <summary>The pseudo-locale: made from English as it is read, every letter accented, longer, bracketed, values kept.</summary>
public class PseudoLocaleTests
{
    [Fact]
    public void A_text_is_accented_about_40_percent_longer_and_bracketed_with_its_values_kept()
    {
        var english = "Page {0} of {1}: Search ideas by THE ABCs";
        var pseudo = PseudoLocale.Of(english);

        pseudo.Should().StartWith("⟦").And.EndWith("⟧").And.Contain("{0}").And.Contain("{1}");
        pseudo.Replace("{0}", "").Replace("{1}", "").Should().NotMatchRegex("[A-Za-z]", "every Latin letter is accented");
        pseudo.Length.Should().BeGreaterThanOrEqualTo((int)(english.Length * 1.4));
        PseudoLocale.Of("").Should().BeEmpty("an empty text stays empty");
    }

    [Fact]
    public void Every_letter_has_one_accented_letter_of_its_own()
    {
        var letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var pseudo = PseudoLocale.Of(letters);
        var accented = pseudo[1..(1 + letters.Length)];
        accented.Normalize(NormalizationForm.FormC).Should().Be(accented, "each is one precomposed character");
        accented.Distinct().Should().HaveCount(letters.Length);
        accented.Should().NotContainAny(letters.Select(c => c.ToString()));
    }

    [Fact]
    public void A_catalogue_reads_the_pseudo_locale_from_English_with_English_plural_forms()
    {
        var issues = new List<ThemeIssue>();
        var english = CatalogueFile.Read("locales/en.json", Encoding.UTF8.GetBytes("""
            { "nav.search": "Search ideas", "challenge.total": { "one": "{0} idea", "other": "{0} ideas" } }
            """), issues)!;
        var welsh = CatalogueFile.Read("locales/cy.json", Encoding.UTF8.GetBytes("""{ "nav.search": "Chwilio syniadau" }"""), issues)!;
        issues.Should().BeEmpty();
        var catalogue = ThemeCatalogue.Of([english, welsh]);

        catalogue.Translate("qps", "nav.search", [], v => $"{v}").Should().Be(PseudoLocale.Of("Search ideas"));
        catalogue.Translate("qps-ploc", "challenge.total", [1], v => $"{v}").Should().Be(PseudoLocale.Of("{0} idea").Replace("{0}", "1"));
        catalogue.Translate("qps", "challenge.total", [3], v => $"{v}").Should().Be(PseudoLocale.Of("{0} ideas").Replace("{0}", "3"));
        catalogue.Find("qps", "no.such.key").Should().BeNull();
        catalogue.Cultures.Should().BeEquivalentTo(["en", "cy"], "the pseudo-locale is no catalogue of its own for the checker to ask for");
    }

    [Fact]
    public void Dates_in_the_pseudo_locale_have_pseudo_month_and_day_names_and_English_digits()
    {
        var date = new DateTime(2026, 12, 7);
        date.ToString("dddd d MMMM yyyy", PseudoLocale.Culture).Should().Be($"{PseudoLocale.Of("Monday")} 7 {PseudoLocale.Of("December")} 2026");
        PseudoLocale.Culture.TwoLetterISOLanguageName.Should().Be(PseudoLocale.Language);
        1234.5.ToString("N1", PseudoLocale.Culture).Should().Be(1234.5.ToString("N1", CultureInfo.GetCultureInfo("en-GB")));
    }
}
