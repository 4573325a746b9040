using System.Text.RegularExpressions;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// Masks what looks like personal data (phone and NHS numbers, email addresses, postcodes) in the
/// excerpts the queue shows. Content is often held precisely because it contains these, and the
/// admin pages should not spread them further: the moderator needs to know they are there, not what
/// they are. Deliberately broader than the personal-data rule (any run of seven or more digits).
/// </summary>
public static partial class Redaction
{
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        try
        {
            text = Email().Replace(text, "[email hidden]");
            text = LongNumber().Replace(text, "[number hidden]");
            return Postcode().Replace(text, "[postcode hidden]");
        }
        catch (RegexMatchTimeoutException)
        {
            return "[text hidden: it could not be checked for personal data]";
        }
    }

    /// <summary>Masks first, then shortens, so a cut never leaves part of a number showing.</summary>
    public static string Excerpt(string? text, int length = 240)
    {
        var masked = Mask(text).ReplaceLineEndings(" ").Trim();
        return masked.Length <= length ? masked : masked[..length].TrimEnd() + "…";
    }

    [GeneratedRegex(@"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant, 500)]
    private static partial Regex Email();

    /// <summary>Seven or more digits, allowing spaces, dashes, dots and brackets between them, and a leading +.</summary>
    [GeneratedRegex(@"\+?\(?\d(?:[ \-.()]{0,3}\d){6,}\)?", RegexOptions.CultureInvariant, 500)]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex Postcode();
}
