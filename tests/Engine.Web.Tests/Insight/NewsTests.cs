using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Engine.Core.Members;

namespace Engine.Web.Tests.Insight;

/// <summary>Admins write news in the admin area; the site shows published updates and an Atom feed of them.</summary>
public sealed partial class NewsTests(InsightApp app) : IClassFixture<InsightApp>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static async Task<long> WriteAsync(Visitor admin, string title, string body, bool publish, string summary = "")
    {
        var response = await admin.SubmitAsync("/admin/news/edit", "/admin/news/edit",
            new() { ["title"] = title, ["summary"] = summary, ["body"] = body, ["publish"] = publish ? "true" : "false" });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.Should().EndWith("/admin/news");
        var (_, list) = await admin.GetPageAsync("/admin/news");
        var match = Regex.Match(list, $"id=\"news-(\\d+)\"[^<]*<td[^>]*><a[^>]*>{Regex.Escape(System.Net.WebUtility.HtmlEncode(title))}");
        match.Success.Should().BeTrue("the new update is listed");
        return long.Parse(match.Groups[1].Value);
    }

    [Fact]
    public async Task A_draft_is_not_public_until_published_then_appears_in_the_list_the_page_and_the_feed_and_every_step_is_audited()
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin, "Ada Admin");
        var id = await WriteAsync(admin, "Shortlist announced", "We have **shortlisted** [five ideas](/challenges/last-year/big-ideas).", publish: false, summary: "Five ideas go forward.");
        using var visitor = app.Visit("alpha.test");
        (await visitor.GetPageAsync($"/news/{id}")).Status.Should().Be(HttpStatusCode.NotFound, "a draft is not public");
        (await visitor.GetPageAsync("/news")).Html.Should().NotContain("Shortlist announced");
        (await visitor.Http.GetStringAsync("/news/feed.atom")).Should().NotContain("Shortlist announced");

        var publish = await admin.SubmitAsync("/admin/news", "/admin/news?handler=Publish", new() { ["id"] = $"{id}", ["publish"] = "true" });
        publish.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (status, page) = await visitor.GetPageAsync($"/news/{id}");
        status.Should().Be(HttpStatusCode.OK);
        page.Should().Contain("<strong>shortlisted</strong>").And.Contain("Five ideas go forward.").And.NotContain("Ada Admin");
        (await visitor.GetPageAsync("/news")).Html.Should().Contain($"href=\"/news/{id}\"");

        // Taken down: gone from everywhere public again.
        (await admin.SubmitAsync("/admin/news", "/admin/news?handler=Publish", new() { ["id"] = $"{id}", ["publish"] = "false" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await visitor.GetPageAsync($"/news/{id}")).Status.Should().Be(HttpStatusCode.NotFound);

        var (_, audit) = await admin.GetPageAsync("/admin/audit");
        audit.Should().Contain("news.created").And.Contain("news.published").And.Contain("news.unpublished");
        admin.Dispose();
    }

    [Fact]
    public async Task The_atom_feed_is_well_formed_atom_with_absolute_links_on_the_tenants_host_and_the_site_as_author()
    {
        var (admin, _) = await app.MemberAsync("beta.test", Roles.Admin, "Secret Admin Name");
        var id = await WriteAsync(admin, "Feed & <friends>", "See [the roadmap](/roadmap) and [NHS](https://www.nhs.uk).", publish: true, summary: "A summary");
        using var visitor = app.Visit("beta.test");
        var response = await visitor.Http.GetAsync("/news/feed.atom");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/atom+xml");
        var text = await response.Content.ReadAsStringAsync();
        var feed = XDocument.Parse(text).Root!;
        feed.Name.Should().Be(Atom + "feed");
        feed.Element(Atom + "id")!.Value.Should().Be("http://beta.test/news");
        feed.Element(Atom + "title")!.Value.Should().Contain("Beta Care Voices");
        DateTimeOffset.Parse(feed.Element(Atom + "updated")!.Value).Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(-5));
        feed.Elements(Atom + "link").Select(l => (string)l.Attribute("href")!).Should().BeEquivalentTo(["http://beta.test/news/feed.atom", "http://beta.test/news"]);
        feed.Element(Atom + "author")!.Element(Atom + "name")!.Value.Should().Be("Beta Care Voices");
        var entry = feed.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value == $"http://beta.test/news/{id}");
        entry.Element(Atom + "title")!.Value.Should().Be("Feed & <friends>");
        entry.Element(Atom + "link")!.Attribute("href")!.Value.Should().Be($"http://beta.test/news/{id}");
        entry.Element(Atom + "published").Should().NotBeNull();
        var content = entry.Element(Atom + "content")!;
        content.Attribute("type")!.Value.Should().Be("html");
        content.Value.Should().Contain("href=\"http://beta.test/roadmap\"").And.Contain("href=\"https://www.nhs.uk\"");
        foreach (var link in feed.Descendants(Atom + "link")) Uri.IsWellFormedUriString((string)link.Attribute("href")!, UriKind.Absolute).Should().BeTrue();
        text.Should().NotContain("Secret Admin Name", "an update is the site's, not the admin's who typed it");
        admin.Dispose();
    }

    [Fact]
    public async Task A_tenant_under_a_path_prefix_gets_feed_links_under_its_prefix()
    {
        using var visitor = app.Visit("shared.test");
        var feed = XDocument.Parse(await visitor.Http.GetStringAsync("/gamma/news/feed.atom")).Root!;
        feed.Element(Atom + "id")!.Value.Should().Be("http://shared.test/gamma/news");
        feed.Elements(Atom + "link").Select(l => (string)l.Attribute("href")!).Should().Contain("http://shared.test/gamma/news/feed.atom");
        (await visitor.GetPageAsync("/gamma/news")).Html.Should().Contain("href=\"/gamma/news/feed.atom\"");
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("[click](JaVaScRiPt:alert(1))", "JaVaScRiPt:")]
    [InlineData("<script>alert(1)</script>", "<script>alert")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("![pixel](data:image/png;base64,iVBORw0KGgo=)", "data:image")]
    [InlineData("[x](vbscript:msgbox(1))", "vbscript:")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a href=\"javascript")]
    public async Task News_markdown_is_sanitised_on_the_page_and_in_the_feed(string body, string mustNotAppear)
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin);
        var id = await WriteAsync(admin, $"Sanitised {Guid.NewGuid():N}"[..30], body, publish: true);
        using var visitor = app.Visit("alpha.test");
        var (_, page) = await visitor.GetPageAsync($"/news/{id}");
        var article = page[page.IndexOf("<article", StringComparison.Ordinal)..page.IndexOf("</article>", StringComparison.Ordinal)];
        article.Should().NotContain(mustNotAppear);
        var entry = XDocument.Parse(await visitor.Http.GetStringAsync("/news/feed.atom")).Root!.Elements(Atom + "entry")
            .Single(e => e.Element(Atom + "id")!.Value.EndsWith($"/news/{id}", StringComparison.Ordinal));
        entry.Element(Atom + "content")!.Value.Should().NotContain(mustNotAppear);
        admin.Dispose();
    }

    [Fact]
    public async Task A_news_update_without_a_title_is_refused_naming_the_field_and_keeps_what_was_typed()
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin);
        var response = await admin.SubmitAsync("/admin/news/edit", "/admin/news/edit", new() { ["title"] = "", ["body"] = "Keep this text", ["publish"] = "true" });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("href=\"#title\"").And.Contain("Title is required").And.Contain("Keep this text");
        admin.Dispose();
    }
}
