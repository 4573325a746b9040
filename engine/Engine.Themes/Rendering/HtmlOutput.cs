using System.Text;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Engine.Themes.Rendering;

/// <summary>
/// Where a render writes: straight into the caller's buffer (Scriban's TextWriterOutput copies every chunk).
/// It sees the template's own text too, so it knows when a value is about to start a URL attribute, and it
/// counts what one page writes against the page's limit (Scriban's own count runs over a context's life).
/// </summary>
internal sealed class HtmlOutput(ThemeContext owner, int limit) : IScriptOutput
{
    private int _start;

    public StringBuilder Builder { get; private set; } = new();

    /// <summary>The last text written opened a URL attribute's value: the next value must be a safe address.</summary>
    public bool AtUrlStart { get; private set; }

    public void Begin(StringBuilder builder)
    {
        Builder = builder;
        _start = builder.Length;
        AtUrlStart = false;
    }

    public void Write(string text, int offset, int count)
    {
        Builder.Append(text, offset, count);
        AtUrlStart = SafeUrls.OpensUrlAttribute(text.AsSpan(offset, count));
        CheckLimit();
    }

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }

    /// <summary>A value from the model: encoded as it is appended (no copy), and checked if it starts a URL attribute.</summary>
    public void WriteValue(string text)
    {
        if (AtUrlStart && !SafeUrls.IsSafe(text)) text = "#";
        HtmlEncoding.Append(Builder, text);
        AtUrlStart = false;
        CheckLimit();
    }

    /// <summary>A count: nothing to encode, and no string made for it.</summary>
    public void WriteNumber(long number)
    {
        Builder.Append(number);
        AtUrlStart = false;
    }

    private void CheckLimit()
    {
        if (Builder.Length - _start > limit)
            throw new ScriptRuntimeException(owner.CurrentNode?.Span ?? default,
                $"the page wrote more than its output limit of {limit:N0} characters (a loop that writes without end?).");
    }
}
