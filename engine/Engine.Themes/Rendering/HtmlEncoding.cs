using System.Buffers;
using System.Text;

namespace Engine.Themes.Rendering;

/// <summary>
/// Encodes text for HTML content and for quoted or unquoted attribute values: besides &amp; &lt; &gt; and
/// both quotes it encodes ` and =, which end an unquoted attribute in some browsers.
/// </summary>
internal static class HtmlEncoding
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'`=");

    public static bool NeedsEncoding(string text) => text.AsSpan().ContainsAny(Special);

    public static string Encode(string text)
    {
        var span = text.AsSpan();
        var next = span.IndexOfAny(Special);
        if (next < 0) return text;
        var builder = new StringBuilder(text.Length + 16);
        while (next >= 0)
        {
            builder.Append(span[..next]);
            builder.Append(span[next] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#x27;",
                '`' => "&#x60;",
                _ => "&#x3D;",
            });
            span = span[(next + 1)..];
            next = span.IndexOfAny(Special);
        }
        return builder.Append(span).ToString();
    }
}
