using Engine.Themes.Pages;

namespace Engine.Themes.Tests;

/// <summary>docs/themes.md lists every variable of every page; the list is written from the records, so it cannot drift.</summary>
public class ThemeDocsTests
{
    [Fact]
    public void The_variables_reference_in_docs_themes_md_matches_the_page_records()
    {
        var docs = File.ReadAllText(Path.Combine(TestRepository.Root, "docs", "themes.md"));
        var start = docs.IndexOf("-->", docs.IndexOf("<!-- reference:start", StringComparison.Ordinal), StringComparison.Ordinal) + 3;
        var end = docs.IndexOf("<!-- reference:end -->", StringComparison.Ordinal);
        var written = docs[start..end].Trim();
        var expected = ThemeReference.Markdown(PageSamples.All().Select(s => (s.Page, s.Model.GetType())), typeof(PageFrame)).Trim();
        written.Should().Be(expected, "docs/themes.md's reference must be what `dotnet Engine.Web.dll theme reference` prints; paste its output between the markers");
    }

    [Fact]
    public void Every_page_the_engine_renders_is_in_the_reference()
    {
        var reference = ThemeReference.Markdown(PageSamples.All().Select(s => (s.Page, s.Model.GetType())), typeof(PageFrame));
        foreach (var page in ThemeValidator.RequiredPages.Where(p => p != "default"))
            reference.Should().Contain($"### {page}.sbn-html (");
        reference.Should().Contain("- `body_html`: HTML made by the engine").And.Contain("- `ideas`: list of [IdeaView](#ideaview)");
    }

}
