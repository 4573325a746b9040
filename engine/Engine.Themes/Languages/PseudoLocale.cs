using System.Globalization;
using System.Text;

namespace Engine.Themes.Languages;

/// <summary>
/// The pseudo-locale <c>qps-ploc</c>: every English text of the catalogues, worked out as it is read, with its letters
/// accented, made about 40% longer and put between ⟦ and ⟧ ("Search ideas" reads "⟦Šéåŕçĥ îðéåš ·····⟧"). A page in it
/// shows at a glance any word that does not come from a catalogue, and whether the layout holds longer words. Never a
/// file of its own, so it cannot drift from English; offered only where the setting Engine:PseudoLocale is on.
/// </summary>
public static class PseudoLocale
{
    /// <summary>The culture's name, and its language as pages and catalogues name it (<c>lang="qps"</c>).</summary>
    public const string Name = "qps-ploc", Language = "qps";

    public const char Open = '⟦', Close = '⟧';

    /// <summary>The culture, with English formats and its month and day names pseudo-localised too ("7 ⟦Ðéçéɱƀéŕ ···⟧ 2026").</summary>
    public static readonly CultureInfo Culture = Make();

    private static CultureInfo Make()
    {
        var culture = new CultureInfo(Name, useUserOverride: false);
        var english = CultureInfo.GetCultureInfo("en-GB").DateTimeFormat;
        var dates = (DateTimeFormatInfo)english.Clone();
        string[] Names(string[] names) => names.Select(Of).ToArray();
        dates.MonthNames = Names(english.MonthNames);
        dates.MonthGenitiveNames = Names(english.MonthGenitiveNames);
        dates.AbbreviatedMonthNames = Names(english.AbbreviatedMonthNames);
        dates.AbbreviatedMonthGenitiveNames = Names(english.AbbreviatedMonthGenitiveNames);
        dates.DayNames = Names(english.DayNames);
        dates.AbbreviatedDayNames = Names(english.AbbreviatedDayNames);
        culture.DateTimeFormat = dates;
        culture.NumberFormat = (NumberFormatInfo)CultureInfo.GetCultureInfo("en-GB").NumberFormat.Clone();
        return CultureInfo.ReadOnly(culture);
    }

    private const string Plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Accented = "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ";

    public static bool Is(string culture) => PluralRules.Language(culture) == Language;

    /// <summary>The pseudo-localised form of an English text; <c>{0}</c>... stay as they are, to be filled in.</summary>
    public static string Of(string english)
    {
        if (english.Length == 0) return english;
        var text = new StringBuilder(english.Length * 3 / 2 + 4).Append(Open);
        for (var i = 0; i < english.Length; i++)
        {
            var c = english[i];
            if (c == '{' && i + 2 < english.Length && char.IsAsciiDigit(english[i + 1]) && english[i + 2] == '}')
            {
                text.Append(english, i, 3);
                i += 2;
                continue;
            }
            var at = Plain.IndexOf(c);
            text.Append(at < 0 ? c : Accented[at]);
        }
        // About 40% more, in words of up to five dots, so a long text can still wrap where a translation's words would.
        var extra = (english.Length * 2 + 4) / 5;
        for (var i = 0; i < extra; i++) text.Append(i % 6 == 0 ? ' ' : '·');
        return text.Append(Close).ToString();
    }

    /// <summary>An English catalogue entry in the pseudo-locale, plural forms and all.</summary>
    public static CatalogueEntry Of(CatalogueEntry english) => english with
    {
        Text = english.Text is null ? null : Of(english.Text),
        Plural = english.Plural?.ToDictionary(p => p.Key, p => Of(p.Value), StringComparer.Ordinal),
    };
}
