using System.Globalization;
using System.Text;

namespace Engine.Core.Members;

/// <summary>
/// What a display name may be. It is shown beside everything a member posts, so it must not carry invisible or
/// text-direction characters (which can make it read as something else), and a member must not pass for the site's
/// staff: "Site administrator", "M0derator", "Ｍｏｄｅｒａｔｏｒ" and the site's own name are refused unless the member is staff.
/// </summary>
public static class DisplayNames
{
    /// <summary>Words a member's name may not contain (compared on the folded form, see <see cref="Fold"/>).</summary>
    private static readonly string[] StaffWords = ["administrator", "moderator", "communitymanager", "siteteam"];
    /// <summary>Words a name may not have on their own: "Admin Jo", but not "Badminton fan".</summary>
    private static readonly string[] StaffWordsAlone = ["admin", "mod", "sysop"];

    public static Common.Error? Check(string displayName, string tenantName, bool isStaff)
    {
        foreach (var c in displayName)
            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return Common.Error.Invalid("displayName", "Display name must not contain invisible, control or text-direction characters.").Keyed("error.display-name-characters");
        if (isStaff) return null;
        var folded = Fold(displayName);
        var site = Fold(tenantName);
        var words = Words(displayName);
        if (StaffWords.Any(folded.Contains) || words.Any(w => StaffWordsAlone.Contains(w)) || (site.Length >= 4 && folded.Contains(site)))
            return Common.Error.Invalid("displayName", $"Display name must not look like the site's staff or the site's name ({tenantName}). Choose a name of your own.")
                .Keyed("error.display-name-staff", tenantName);
        return null;
    }

    /// <summary>
    /// The name as a reader sees it: compatibility forms (full-width, ligatures) made plain, accents dropped, lower case,
    /// common look-alike letters and digits (Cyrillic and Greek letters, 0 for o, 1 for l, @ for a) made Latin, and
    /// everything that is not a letter or digit (spaces, dots, dashes) left out.
    /// </summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var plain = LookAlikes.TryGetValue(c, out var latin) ? latin : c;
            if (char.IsLetterOrDigit(plain)) builder.Append(plain);
        }
        return builder.ToString().Replace("rn", "m").Replace("vv", "w");
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKD) + " ")
        {
            if (char.IsLetterOrDigit(c) || LookAlikes.ContainsKey(char.ToLowerInvariant(c)) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                word.Append(c);
            else if (word.Length > 0)
            {
                yield return Fold(word.ToString());
                word.Clear();
            }
        }
    }

    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['0'] = 'o', ['1'] = 'l', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['@'] = 'a', ['$'] = 's', ['|'] = 'l', ['!'] = 'i',
        // Cyrillic
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c',
        ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ӏ'] = 'l',
        // Greek
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't',
        ['υ'] = 'u', ['χ'] = 'x', ['μ'] = 'm',
    };
}
