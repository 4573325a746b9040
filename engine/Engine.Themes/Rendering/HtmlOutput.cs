using System.Text;
using Scriban.Runtime;

namespace Engine.Themes.Rendering;

/// <summary>
/// Where a render writes: straight into the caller's buffer (Scriban's TextWriterOutput copies every chunk).
/// It sees the template's own text too, so it knows when a value is about to start a URL attribute.
/// </summary>
internal sealed class HtmlOutput : IScriptOutput
{
    public StringBuilder Builder { get; set; } = new();

    /// <summary>The last text written opened a URL attribute's value: the next value must be a safe address.</summary>
    public bool AtUrlStart { get; private set; }

    public void Write(string text, int offset, int count)
    {
        Builder.Append(text, offset, count);
        AtUrlStart = SafeUrls.OpensUrlAttribute(text.AsSpan(offset, count));
    }

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }
}
