using System.Text.RegularExpressions;

namespace Engine.Plugins.PersonalData;

/// <summary>
/// What UK personal data looks like in free text. Generated at build time, so no regex is compiled
/// per site; the time limit turns a pathological input into a failed check, which the engine
/// treats as "hold for review".
/// </summary>
internal static partial class Patterns
{
    private const int TimeoutMs = 1000;

    /// <summary>Ten digits, on their own or spaced 3-3-4 ("943 476 5919", "943-476-5919").</summary>
    [GeneratedRegex(@"(?<![0-9])([0-9]{3})[ -]?([0-9]{3})[ -]?([0-9]{4})(?![0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex TenDigits();

    /// <summary>
    /// A UK landline (01, 02) or mobile (07) number, written nationally ("07700 900123",
    /// "020 7946 0958", "(0161) 496 0000") or internationally ("+44 7700 900123", "+44 (0)20 ...").
    /// 03, 08 and 09 numbers are left alone: they belong to organisations (such as NHS 0300 lines),
    /// not to people.
    /// </summary>
    [GeneratedRegex(@"(?<![\w+])(?:(?:\+|00)44[ ]?(?:\(0\)[ ]?)?|\(?0)[127](?:[ )-]{0,2}\d){8,9}(?!\d)", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex PhoneNumber();

    [GeneratedRegex(@"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex EmailAddress();

    /// <summary>
    /// A full postcode: outward code ("SW1A", "M1", "B33") and inward code ("1AA", "1AE", "8TH").
    /// An outward code alone names a district of thousands of homes, so it is allowed.
    /// Letters follow Royal Mail's rules (no Q, V or X first; no C, I, K, M, O or V in the inward
    /// code), which keeps ordinary words out.
    /// </summary>
    [GeneratedRegex(@"\b[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Postcode();

    /// <summary>
    /// Ten digits count as an NHS number only if the modulus 11 check digit matches, so most
    /// other ten-digit numbers (order numbers, references) are not held.
    /// </summary>
    public static bool ContainsNhsNumber(string text)
    {
        foreach (Match match in TenDigits().Matches(text))
        {
            var digits = match.Groups[1].Value + match.Groups[2].Value + match.Groups[3].Value;
            if (NhsNumber.IsValid(digits)) return true;
        }
        return false;
    }
}
