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

    /// <summary>Appends <paramref name="text"/> encoded, in pieces, without making a new string.</summary>
    public static void Append(StringBuilder builder, ReadOnlySpan<char> text)
    {
        var next = text.IndexOfAny(Special);
        while (next >= 0)
        {
            builder.Append(text[..next]).Append(Entity(text[next]));
            text = text[(next + 1)..];
            next = text.IndexOfAny(Special);
        }
        builder.Append(text);
    }

    private static string Entity(char c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#x27;",
        '`' => "&#x60;",
        _ => "&#x3D;",
    };

    public static string Encode(string text)
    {
        var span = text.AsSpan();
        var next = span.IndexOfAny(Special);
        if (next < 0) return text;
        var builder = new StringBuilder(text.Length + 16);
        while (next >= 0)
        {
            builder.Append(span[..next]);
            builder.Append(Entity(span[next]));
            span = span[(next + 1)..];
            next = span.IndexOfAny(Special);
        }
        return builder.Append(span).ToString();
    }
}
