using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Engine.Core.News;
using Engine.Core.Text;
using Engine.Themes.Pages;
using Engine.Web.Tenancy;

namespace Engine.Web.Site;

/// <summary>
/// The site's news: a list, a page per update, and an Atom 1.0 feed with absolute links on the host the feed was
/// asked for (one of the tenant's own). Only published updates appear anywhere public. The feed's author is the
/// site, never the admin who wrote the update.
/// </summary>
public static class NewsPages
{
    public const int ListSize = 50;
    public const int FeedSize = 20;
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static void MapNewsPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/news", List);
        app.MapGet("/news/{id:long}", Show);
        app.MapGet("/news/feed.atom", Feed);
    }

    private static async Task<IResult> List([AsParameters] SitePage page, INewsStore news)
    {
        var posts = await news.PublishedAsync(page.Tenant.Id, ListSize, page.Aborted);
        var model = new NewsPage(
            Frame: page.Frame(page.Words("title.news")),
            Posts: posts.Select(p => View(page, p, withBody: false)).ToList(),
            FeedUrl: $"{page.Context.Request.PathBase}/news/feed.atom");
        return new ThemedPage("news", model);
    }

    private static async Task<IResult> Show([AsParameters] SitePage page, long id, INewsStore news)
    {
        var post = await news.FindAsync(page.Tenant.Id, id, page.Aborted);
        if (post is null || !post.Published) return page.NotFound();
        var model = new NewsItemPage(
            Frame: page.Frame(post.Title),
            Post: View(page, post, withBody: true),
            NewsUrl: $"{page.Context.Request.PathBase}/news");
        return new ThemedPage("news-item", model);
    }

    private static NewsPostView View(SitePage page, NewsPost p, bool withBody)
    {
        var at = p.PublishedAt ?? p.CreatedAt;
        return new NewsPostView(
            Id: p.Id,
            Title: p.Title,
            Summary: Views.Text(p.Summary),
            Url: $"{page.Context.Request.PathBase}/news/{p.Id}",
            PublishedOn: at.ToString("d MMMM yyyy", page.Culture),
            PublishedAt: at.ToString("O", CultureInfo.InvariantCulture),
            BodyHtml: withBody ? Views.Markdown(p.Body) : null);
    }

    private static async Task<IResult> Feed(HttpContext context, INewsStore news)
    {
        var tenant = context.Tenant();
        var posts = await news.PublishedAsync(tenant.Id, FeedSize, context.RequestAborted);
        var document = FeedDocument(SiteUrl(context), tenant.Name, posts);
        var buffer = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriter(buffer), new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, Async = false }))
            document.Save(writer);
        // StringWriter says utf-16 in the declaration; the bytes go out as UTF-8.
        var xml = buffer.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Text(xml, "application/atom+xml; charset=utf-8");
    }

    /// <summary>The site's address as this request reached it: scheme, one of the tenant's hosts, and its path prefix.</summary>
    public static string SiteUrl(HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}{context.Request.PathBase.ToUriComponent()}";

    /// <summary>An Atom 1.0 document (RFC 4287): every link absolute under <paramref name="siteUrl"/>; the author is the site.</summary>
    public static XDocument FeedDocument(string siteUrl, string siteName, IReadOnlyList<NewsPost> posts)
    {
        static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var updated = posts.Count == 0 ? DateTimeOffset.UnixEpoch : posts.Max(p => p.UpdatedAt);
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", $"{siteUrl}/news"),
            new XElement(Atom + "title", $"{siteName}: news"),
            new XElement(Atom + "updated", Time(updated)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", $"{siteUrl}/news/feed.atom")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", $"{siteUrl}/news")),
            new XElement(Atom + "author", new XElement(Atom + "name", siteName), new XElement(Atom + "uri", $"{siteUrl}/")));
        foreach (var p in posts)
        {
            var url = $"{siteUrl}/news/{p.Id}";
            var entry = new XElement(Atom + "entry",
                new XElement(Atom + "id", url),
                new XElement(Atom + "title", p.Title),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", url)),
                new XElement(Atom + "published", Time(p.PublishedAt ?? p.CreatedAt)),
                new XElement(Atom + "updated", Time(p.UpdatedAt)));
            if (p.Summary.Length > 0) entry.Add(new XElement(Atom + "summary", p.Summary));
            entry.Add(new XElement(Atom + "content", new XAttribute("type", "html"), Absolute(SafeMarkdown.ToHtml(p.Body), siteUrl)));
            feed.Add(entry);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
    }

    // Feed readers resolve relative links against the feed, not the site: make the site's own links absolute.
    // A Markdown link "/x" means the host's /x (as on the page), so the host's origin is what goes in front.
    private static string Absolute(string html, string siteUrl) =>
        html.Replace("href=\"/", $"href=\"{new Uri(siteUrl).GetLeftPart(UriPartial.Authority)}/", StringComparison.Ordinal);
}
