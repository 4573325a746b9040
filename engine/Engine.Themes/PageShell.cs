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

    /// <summary>
    /// Writes the page into <paramref name="into"/>: the shared text, and in each hole the same hole of
    /// <paramref name="parts"/> (written by <see cref="CompiledTheme.RenderPersonalParts"/>, hole <c>i</c> ending at <c>ends[i]</c>).
    /// </summary>
    /// <returns>How many bytes it wrote. <paramref name="into"/> must hold <see cref="Length"/> plus the parts' UTF-8 length.</returns>
    public int CopyTo(StringBuilder parts, ReadOnlySpan<int> ends, Span<byte> into)
    {
        int at = 0, from = 0, partFrom = 0;
        for (var i = 0; i < _holeAt.Length; i++)
        {
            _text.AsSpan(from, _holeAt[i] - from).CopyTo(into[at..]);
            at += _holeAt[i] - from;
            from = _holeAt[i];
            at += Encode(parts, partFrom, ends[i], into[at..]);
            partFrom = ends[i];
        }
        _text.AsSpan(from).CopyTo(into[at..]);
        return at + _text.Length - from;
    }

    /// <summary>The most bytes a page with these parts can take.</summary>
    public int MaxLength(StringBuilder parts) => _text.Length + Encoding.UTF8.GetMaxByteCount(parts.Length);

    private static int Encode(StringBuilder parts, int start, int end, Span<byte> into) => Utf8Text.Encode(parts, start, end, into);
}

/// <summary>Where a personal part goes in a shell, and the loop values around it there.</summary>
/// <param name="At">Its place in the shell's text, in characters.</param>
/// <param name="AtUrlStart">Whether the shell's text before it opened a URL attribute (its first value must then be a safe address).</param>
/// <param name="SameAs">An earlier hole this one is written the same as (the same repeatable part, see
/// <see cref="PersonalPart.Repeatable"/>, after the same kind of text), copied rather than written again; or -1.</param>
internal sealed record Hole(PersonalPart Part, int At, object?[] Values, bool AtUrlStart, int SameAs = -1);
