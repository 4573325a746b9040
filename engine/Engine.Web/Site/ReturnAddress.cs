using System.Text;

namespace Engine.Web.Site;

/// <summary>
/// The one check for every return address a request carries (sign-in, registration, a vote without script, the
/// system sign-in): only a path on this site, under its path prefix, is followed; anything else goes to the site's
/// home. Browsers drop tabs and newlines from an address and read a backslash as a slash, so "/\t/evil.example/"
/// would be "//evil.example/", another site; and a control character in a header fails the whole response.
/// </summary>
public static class ReturnAddress
{
    /// <param name="home">Where to go instead, below the site's path prefix.</param>
    public static string LocalOrHome(HttpContext context, string? url, string home = "/")
    {
        var prefix = context.Request.PathBase.Value ?? "";
        return IsLocal(url, prefix) ? Encoded(url!) : prefix + home;
    }

    public static bool IsLocal(string? url, string prefix) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.Any(c => char.IsControl(c) || c == '\\')
        // A site under a prefix (like /gamma) shares its host: a path outside the prefix is another tenant's.
        && (prefix.Length == 0 || url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && (url.Length == prefix.Length || url[prefix.Length] is '/' or '?' or '#'));

    /// <summary>Spaces and letters beyond ASCII percent-encoded (UTF-8), so the address is a valid header value.</summary>
    private static string Encoded(string url)
    {
        if (url.All(c => c is > ' ' and < '\u007f')) return url;
        var encoded = new StringBuilder(url.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7f) { encoded.Append((char)rune.Value); continue; }
            foreach (var b in bytes[..rune.EncodeToUtf8(bytes)]) encoded.Append('%').Append(b.ToString("X2"));
        }
        return encoded.ToString();
    }
}
