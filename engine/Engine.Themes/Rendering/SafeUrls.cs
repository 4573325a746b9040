namespace Engine.Themes.Rendering;

/// <summary>
/// What may start the value of a URL attribute (href, src, action ...): a relative address, a fragment, a
/// query, or an http(s) or mailto address. Anything else (javascript:, data:, vbscript: ...) is written as "#".
/// </summary>
internal static class SafeUrls
{
    private static readonly System.Buffers.SearchValues<char> SchemeEnd = System.Buffers.SearchValues.Create(":/?#");

    public static bool IsSafe(string url)
    {
        var value = url.AsSpan().TrimStart();
        if (value.Length == 0) return true;
        // A scheme ends at the first colon that comes before any / ? or #: without one, the address is relative.
        var end = value.IndexOfAny(SchemeEnd);
        if (end < 0 || value[end] != ':') return true;
        var scheme = value[..end];
        return scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "poster", "cite", "srcset", "xlink:href"];

    /// <summary>True when <paramref name="text"/> ends by opening a URL attribute's value: <c>href="</c>, <c>src='</c>, <c>action=</c>.</summary>
    public static bool OpensUrlAttribute(ReadOnlySpan<char> text)
    {
        // Most of a template's text ends in markup or words: one look at the last character settles it.
        if (text.Length == 0 || text[^1] is not ('"' or '\'' or '=' or ' ' or '\t' or '\n' or '\r')) return false;
        text = text.TrimEnd();
        if (text.Length > 0 && text[^1] is '"' or '\'') text = text[..^1].TrimEnd();
        if (text.Length == 0 || text[^1] != '=') return false;
        text = text[..^1].TrimEnd();
        foreach (var name in UrlAttributes)
            if (text.EndsWith(name, StringComparison.OrdinalIgnoreCase)
                && (text.Length == name.Length || char.IsWhiteSpace(text[^(name.Length + 1)])))
                return true;
        return false;
    }
}
