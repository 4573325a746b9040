namespace Engine.Themes;

/// <summary>
/// Trusted HTML made by the engine (sanitised Markdown): the one kind of value a theme writes out as it is.
/// Every other value is HTML-encoded on output, so a template cannot turn a member's text into markup.
/// </summary>
public sealed record Html(string Value) { public override string ToString() => Value; }
