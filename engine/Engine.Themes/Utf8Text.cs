using System.Text;

namespace Engine.Themes;

/// <summary>A written page's text as UTF-8, straight from the builder's chunks (no string of the whole page).</summary>
public static class Utf8Text
{
    /// <summary>Encodes characters <paramref name="start"/> to <paramref name="end"/> of <paramref name="text"/>.</summary>
    /// <returns>How many bytes it wrote; <paramref name="into"/> must hold <c>Encoding.UTF8.GetMaxByteCount(end - start)</c>.</returns>
    public static int Encode(StringBuilder text, int start, int end, Span<byte> into)
    {
        // A chunk can end between the two halves of a surrogate pair: the encoder carries the first half over.
        var encoder = Encoding.UTF8.GetEncoder();
        int written = 0, position = 0;
        foreach (var chunk in text.GetChunks())
        {
            var chunkStart = position;
            position += chunk.Length;
            if (position <= start) continue;
            if (chunkStart >= end) break;
            var from = Math.Max(start, chunkStart) - chunkStart;
            var to = Math.Min(end, position) - chunkStart;
            written += encoder.GetBytes(chunk.Span[from..to], into[written..], flush: position >= end);
        }
        return written;
    }

    public static int Encode(StringBuilder text, Span<byte> into) => Encode(text, 0, text.Length, into);
}
