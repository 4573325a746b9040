namespace Engine.Themes.Pages;

/// <summary>The page in one of the site's languages: for the language switch and <c>&lt;link rel="alternate" hreflang&gt;</c>.</summary>
/// <param name="Code">The language, as <c>lang</c> and <c>hreflang</c> take it ("cy").</param>
/// <param name="Name">The language's name in itself ("Cymraeg", "English"), for the switch.</param>
/// <param name="Url">This page in that language (an absolute address).</param>
/// <param name="Current">The page is in this language.</param>
public sealed record LanguageLink(string Code, string Name, string Url, bool Current);
