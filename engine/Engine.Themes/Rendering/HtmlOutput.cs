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

    // The template's last text, looked at only when a value follows it (most text is followed by more text).
    private string _lastText = "";
    private int _lastOffset, _lastCount;

    // Set when the last text's answer is already known (a template's text, looked at once when parsed).
    private bool? _lastOpensUrl;

    /// <summary>The last text written opened a URL attribute's value: the next value must be a safe address.</summary>
    public bool AtUrlStart => _lastOpensUrl ?? (_lastCount > 0 && SafeUrls.OpensUrlAttribute(_lastText.AsSpan(_lastOffset, _lastCount)));

    /// <summary>After a hole (or before one is filled): whether the text before it opened a URL attribute.</summary>
    public void AfterHole(bool atUrlStart = false)
    {
        _lastCount = 0;
        _lastOpensUrl = atUrlStart;
    }

    public void Begin(StringBuilder builder)
    {
        Builder = builder;
        _start = builder.Length;
        _lastCount = 0;
        _lastOpensUrl = null;
    }

    public void Write(string text, int offset, int count)
    {
        Builder.Append(text, offset, count);
        (_lastText, _lastOffset, _lastCount) = (text, offset, count);
        _lastOpensUrl = null;
        CheckLimit();
    }

    /// <summary>Writes again what this render wrote at <paramref name="start"/> (a repeated part), counted like any output.</summary>
    public void Copy(int start, int count)
    {
        // Through a span: appending a builder to itself would make a string of it.
        Span<char> text = count <= 512 ? stackalloc char[count] : new char[count];
        Builder.CopyTo(start, text, count);
        Builder.Append(text);
        _lastCount = 0;
        _lastOpensUrl = null;
        CheckLimit();
    }

    /// <summary>A template's text whose end was looked at when the template was parsed.</summary>
    public void WriteText(string text, bool opensUrl)
    {
        Builder.Append(text);
        _lastOpensUrl = opensUrl;
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
        _lastCount = 0;
        _lastOpensUrl = null;
        CheckLimit();
    }

    /// <summary>A count: nothing to encode, and no string made for it.</summary>
    public void WriteNumber(long number)
    {
        Builder.Append(number);
        _lastCount = 0;
        _lastOpensUrl = null;
    }

    private void CheckLimit()
    {
        if (Builder.Length - _start > limit)
            throw new ScriptRuntimeException(owner.CurrentNode?.Span ?? default,
                $"the page wrote more than its output limit of {limit:N0} characters (a loop that writes without end?).");
    }
}
