using Scriban.Parsing;

namespace Engine.Themes;

/// <summary>A page failed to render: the theme, and the file, line and column where it failed.</summary>
public sealed class ThemeRenderException(string theme, SourceSpan span, string reason, Exception inner)
    : Exception($"{span.FileName}({span.Start.Line + 1},{span.Start.Column + 1}): {reason}", inner)
{
    public string Theme { get; } = theme;
    public string File { get; } = span.FileName;
    public int Line { get; } = span.Start.Line + 1;
    public int Column { get; } = span.Start.Column + 1;
    public string Reason { get; } = reason;
}
