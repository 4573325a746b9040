using System.Buffers;
using System.Text;
using Engine.Themes.Pages;
using Engine.Themes.Rendering;

namespace Engine.Themes;

/// <summary>
/// A page as every signed-in member sees it, written once: UTF-8 text with a hole wherever a personal partial
/// (one that reads the member's own values) goes. <see cref="CompiledTheme.RenderPersonalParts"/> writes the holes
/// for one member, and <see cref="CopyTo"/> puts the page together. It holds nothing of any one member: it is
/// written from the page's shared model, which has the values a visitor would see.
/// </summary>
public sealed class PageShell
{
    private readonly byte[] _text;
    private readonly int[] _holeAt;

    internal PageShell(CompiledTheme theme, string page, IPage model, StringBuilder written, List<Hole> holes)
    {
        Theme = theme;
        Page = page;
        Model = model;
        Holes = [.. holes];
        // Each piece between holes encoded once, the holes' places counted in bytes.
        _holeAt = new int[holes.Count];
        var text = written.ToString();
        _text = new byte[Encoding.UTF8.GetByteCount(text)];
        int from = 0, at = 0;
        for (var i = 0; i < holes.Count; i++)
        {
            at += Encoding.UTF8.GetBytes(text.AsSpan(from, holes[i].At - from), _text.AsSpan(at));
            _holeAt[i] = at;
            from = holes[i].At;
        }
        Encoding.UTF8.GetBytes(text.AsSpan(from), _text.AsSpan(at));
    }

    /// <summary>The theme it was written by: a changed theme writes its pages again.</summary>
    public CompiledTheme Theme { get; }

    public string Page { get; }

    /// <summary>The shared model it was written from: each member's page model is made from it.</summary>
    public IPage Model { get; }

    internal Hole[] Holes { get; }

    /// <summary>How many personal parts a member's copy has.</summary>
    public int HoleCount => Holes.Length;

    /// <summary>The length of the shared text in bytes, without the personal parts.</summary>
    public int Length => _text.Length;

    /// <summary>The most bytes <see cref="EncodeParts"/> can make of these parts.</summary>
    public static int MaxPartBytes(StringBuilder parts) => Encoding.UTF8.GetMaxByteCount(parts.Length);

    /// <summary>
    /// Encodes a member's parts (written by <see cref="CompiledTheme.RenderPersonalParts"/>, hole <c>i</c> ending at
    /// character <c>ends[i]</c>) into <paramref name="into"/>, and turns <paramref name="ends"/> into where each hole's
    /// bytes end. Done before anything is written, so the response's length is known.
    /// </summary>
    /// <returns>The page's length in bytes: the shared text and the parts. <paramref name="into"/> must hold <see cref="MaxPartBytes"/>.</returns>
    public int EncodeParts(StringBuilder parts, Span<int> ends, Span<byte> into)
    {
        // The parts are a few kilobytes: copied out of the builder's chunks once, then each hole encoded on its own
        // (a hole is whole text, so no character is split between two).
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, parts.Length));
        try
        {
            parts.CopyTo(0, chars.AsSpan(), parts.Length);
            int from = 0, at = 0;
            for (var i = 0; i < ends.Length; i++)
            {
                at += Encoding.UTF8.GetBytes(chars.AsSpan(from, ends[i] - from), into[at..]);
                from = ends[i];
                ends[i] = at;
            }
            return _text.Length + at;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Writes the page into <paramref name="output"/> (the response itself, so the page is copied once, into the
    /// socket's buffers): the shared text, and in each hole the member's part as <see cref="EncodeParts"/> left it.
    /// The whole page goes into one span asked for at its full length: each span asked for and given back takes the
    /// response's lock, and a page of a hundred holes written piece by piece cost more than the copy it saved.
    /// </summary>
    public void WriteTo(IBufferWriter<byte> output, ReadOnlySpan<byte> parts, ReadOnlySpan<int> ends)
    {
        var length = _text.Length + (ends.IsEmpty ? 0 : ends[^1]);
        var into = output.GetSpan(length);
        if (into.Length >= length)
        {
            CopyTo(parts, ends, into);
            output.Advance(length);
            return;
        }
        // A writer that cannot give the whole page at once gets it in pieces.
        int from = 0, partFrom = 0;
        for (var i = 0; i < _holeAt.Length; i++)
        {
            output.Write(_text.AsSpan(from, _holeAt[i] - from));
            from = _holeAt[i];
            output.Write(parts[partFrom..ends[i]]);
            partFrom = ends[i];
        }
        output.Write(_text.AsSpan(from));
    }

    private void CopyTo(ReadOnlySpan<byte> parts, ReadOnlySpan<int> ends, Span<byte> into)
    {
        int at = 0, from = 0, partFrom = 0;
        for (var i = 0; i < _holeAt.Length; i++)
        {
            _text.AsSpan(from, _holeAt[i] - from).CopyTo(into[at..]);
            at += _holeAt[i] - from;
            from = _holeAt[i];
            parts[partFrom..ends[i]].CopyTo(into[at..]);
            at += ends[i] - partFrom;
            partFrom = ends[i];
        }
        _text.AsSpan(from).CopyTo(into[at..]);
    }
}

/// <summary>Where a personal part goes in a shell, and the loop values around it there.</summary>
/// <param name="At">Its place in the shell's text, in characters.</param>
/// <param name="AtUrlStart">Whether the shell's text before it opened a URL attribute (its first value must then be a safe address).</param>
/// <param name="SameAs">An earlier hole this one is written the same as (the same repeatable part, see
/// <see cref="PersonalPart.Repeatable"/>, after the same kind of text), copied rather than written again; or -1.</param>
internal sealed record Hole(PersonalPart Part, int At, object?[] Values, bool AtUrlStart, int SameAs = -1);
