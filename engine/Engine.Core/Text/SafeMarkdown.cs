using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Engine.Core.Text;

/// <summary>
/// Renders what people write as Markdown. Raw HTML is disabled, and because that alone is not a
/// sanitiser, every link and image URL is also checked: only http, https, mailto and relative
/// URLs survive; anything else (javascript:, data:, vbscript:) becomes plain text.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .Build();

    /// <summary>The highest heading a contribution may use: the page owns h1 and h2.</summary>
    public const int TopHeadingLevel = 3;

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        // "# My idea" in a body must not become a second h1 on the page.
        foreach (var heading in document.Descendants<HeadingBlock>())
            heading.Level = Math.Min(6, heading.Level + TopHeadingLevel - 1);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url)) link.Url = "";
            if (link.IsImage)
            {
                // Images are shown as links: a remote image would tell its host who read the idea.
                link.IsImage = false;
            }
            link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
        }
        foreach (var auto in document.Descendants<AutolinkInline>())
            if (!IsSafeUrl(auto.Url)) auto.Url = "";
        return document.ToHtml(Pipeline);
    }

    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return false;
        var trimmed = url.Trim();
        if (trimmed.Any(char.IsControl)) return false;
        // A path on this site ("/roadmap"). Checked first: on Unix, .NET reads "/roadmap" as an absolute file: URI.
        // "//host" (another site, whatever the page's scheme) and "/\host" (read as "//host" by browsers) are not paths.
        if (trimmed.StartsWith('/')) return trimmed.Length == 1 || (trimmed[1] != '/' && trimmed[1] != '\\');
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute))
            return absolute.Scheme is "http" or "https" or "mailto";
        // Relative URLs are safe only if no scheme hides behind encoding or control characters.
        return !trimmed.Contains(':') && !trimmed.Any(char.IsControl);
    }
}
