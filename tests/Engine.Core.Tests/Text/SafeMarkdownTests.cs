using Engine.Core.Text;

namespace Engine.Core.Tests.Text;

public class SafeMarkdownTests
{
    [Fact]
    public void Raw_html_is_shown_as_text_not_markup()
    {
        var html = SafeMarkdown.ToHtml("Hello <script>alert(1)</script> <img src=x onerror=alert(1)>");
        html.Should().NotContain("<script").And.NotContain("<img");
        html.Should().Contain("&lt;script&gt;");
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox)")]
    [InlineData("<javascript:alert(1)>")]
    public void Links_with_dangerous_schemes_lose_their_address(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);
        html.Should().NotContainEquivalentOf("javascript:").And.NotContainEquivalentOf("data:").And.NotContainEquivalentOf("vbscript:");
    }

    [Fact]
    public void Ordinary_links_survive_and_are_marked_as_user_content()
    {
        var html = SafeMarkdown.ToHtml("See [the plan](https://www.england.nhs.uk/plan) or mail <mailto:team@nhs.net>");
        html.Should().Contain("href=\"https://www.england.nhs.uk/plan\"").And.Contain("rel=\"nofollow ugc noopener\"");
        html.Should().Contain("mailto:team@nhs.net");
    }

    [Fact]
    public void Images_become_links_so_reading_an_idea_tells_no_remote_host()
    {
        var html = SafeMarkdown.ToHtml("![chart](https://tracker.example/pixel.png)");
        html.Should().NotContain("<img").And.Contain("<a href=\"https://tracker.example/pixel.png\"");
    }

    [Fact]
    public void Markdown_formatting_still_works()
    {
        SafeMarkdown.ToHtml("**bold** and *soft*").Should().Contain("<strong>bold</strong>").And.Contain("<em>soft</em>");
    }

    [Fact]
    public void Headings_in_a_contribution_start_at_h3_so_the_page_keeps_one_h1()
    {
        var html = SafeMarkdown.ToHtml("# Big\n\n## Smaller\n\n###### Tiny");
        html.Should().Contain("<h3>Big</h3>").And.Contain("<h4>Smaller</h4>").And.Contain("<h6>Tiny</h6>");
        html.Should().NotContain("<h1").And.NotContain("<h2");
    }

    [Theory]
    [InlineData("/roadmap", true)]
    [InlineData("/challenges/waiting-well?sort=new#top", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example/x", false)]
    [InlineData("/\\evil.example/x", false)]
    [InlineData("https://www.nhs.uk/", true)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", false)]
    [InlineData("java\tscript:alert(1)", false)]
    public void Links_to_this_sites_own_paths_survive_on_every_platform_but_not_other_hosts(string url, bool safe)
    {
        SafeMarkdown.IsSafeUrl(url).Should().Be(safe);
    }

    [Fact]
    public void An_image_with_a_data_url_becomes_text_with_no_address()
    {
        var html = SafeMarkdown.ToHtml("![pixel](data:image/png;base64,iVBORw0KGgo=)");
        html.Should().NotContain("data:").And.NotContain("<img").And.Contain("pixel");
    }
}
