using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.PrivateChallenges;

/// <summary>
/// A challenge open only to a group, and one open only to people with an invite link: EVERY route the engine maps (from its
/// routing table, so a new page or endpoint is probed without anyone adding it here), plus search, similar ideas, numbers and
/// feeds, asked as a visitor, as a member outside the audience (by cookie and by token) and as another tenant's admin, with
/// the private challenges' slugs and their ideas' and comments' ids put in. No answer may carry the challenges' titles or
/// any of their ideas' words, and the site's numbers count none of them; the audience and staff see them.
/// </summary>
public sealed partial class PrivateChallengeRouteTests(PrivateChallengeRouteTests.App app) : IClassFixture<PrivateChallengeRouteTests.App>
{
    public sealed class App : EngineApp
    {
        public const string GroupSlug = "inner-circle-plans", InvitedSlug = "invited-plans", Group = "inner-circle";

        public App()
        {
            var alpha = Tenant("alpha", "Alpha Health Ideas", ["alpha.test"], anonymous: false, downVotes: false);
            alpha["challenges"] = ((object[])alpha["challenges"]!).Concat(
            [
                new
                {
                    slug = GroupSlug, title = "Private challenge Zq9Lynx", description = "Only for the inner circle Zq9Lynx.",
                    opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21), audience = "groups", groups = new[] { Group },
                },
                new
                {
                    slug = InvitedSlug, title = "Invited challenge Zq9Lynx", description = "Only for those invited Zq9Lynx.",
                    opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21), audience = "invited", groups = Array.Empty<string>(),
                },
            ]).ToArray();
            WriteTenant("alpha", alpha);
        }
    }

    /// <summary>In every private title, description, idea and comment, so one search of an answer finds any leak.</summary>
    private const string Marker = "zq9lynx";

    private sealed record Private(long Idea, long InvitedIdea, long Comment, long Insider, long Image);

    [Fact]
    public async Task Every_route_as_a_visitor_a_member_outside_the_audience_and_another_tenants_admin_shows_nothing_of_a_private_challenge()
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin, "Alpha Admin");
        var (insider, insiderId) = await app.MemberAsync("alpha.test", Roles.Member, "Ivy Insider");
        var outsiderEmail = TestEmail.Unique("outsider");
        var (outsider, _) = await app.MemberAsync("alpha.test", Roles.Member, "Otto Outsider", outsiderEmail);

        (await admin.Http.PostAsJsonAsync("api/v1/admin/groups", new { slug = App.Group, name = "The inner circle" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.Http.PostAsJsonAsync($"api/v1/admin/groups/{App.Group}/members", new { memberId = insiderId })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // The invite link takes the insider into the invited challenge, and only them.
        var invite = await admin.Http.PostAsJsonAsync($"api/v1/admin/groups/invited-to-{App.InvitedSlug}/invites", new { days = 7 });
        invite.StatusCode.Should().Be(HttpStatusCode.OK, await invite.Content.ReadAsStringAsync());
        var link = new Uri((await invite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!).PathAndQuery;
        var joined = await insider.Http.GetAsync(link.TrimStart('/'));
        joined.StatusCode.Should().Be(HttpStatusCode.Redirect);
        joined.Headers.Location!.OriginalString.Should().EndWith($"/challenges/{App.InvitedSlug}");

        var idea = 0L;
        for (var i = 0; i < 3; i++) idea = await insider.PostIdeaAsync($"Private idea Zq9Lynx {i}", "A hedgehog crossing Zq9Lynx", challenge: App.GroupSlug);
        var invitedIdea = await insider.PostIdeaAsync("Invited idea Zq9Lynx", "A hedgehog at the door Zq9Lynx", challenge: App.InvitedSlug);
        // An image on the private idea: its address answers the audience only (added while its author may still edit it: before any comment).
        var imaged = await insider.Http.PostAsync($"api/v1/ideas/{idea}/images",
            new MultipartFormDataContent { { new ByteArrayContent(Images.TestImages.Jpeg()), "image", "hedgehog.jpg" }, { new StringContent("A hedgehog"), "alt" } });
        imaged.StatusCode.Should().Be(HttpStatusCode.OK, await imaged.Content.ReadAsStringAsync());
        var image = (await imaged.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetInt64();
        var shown = await insider.Http.GetAsync($"ideas/{idea}/images/{image}/display");
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        shown.Headers.CacheControl!.Private.Should().BeTrue("no shared cache keeps a private challenge's image");
        var commented = await insider.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Private comment Zq9Lynx", anonymous = false });
        commented.StatusCode.Should().Be(HttpStatusCode.Created, await commented.Content.ReadAsStringAsync());
        var comment = (await commented.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await insider.Http.PutAsJsonAsync($"api/v1/ideas/{idea - 1}/vote", new { value = 1 })).EnsureSuccessStatusCode();
        await outsider.PostIdeaAsync("Public idea about a hedgehog", "Seen by everyone.");
        var ids = new Private(idea, invitedIdea, comment, insiderId, image);

        // The audience and staff see them (after which a page kept for them must not reach anyone else).
        foreach (var (who, path) in new[] { (insider, $"/challenges/{App.GroupSlug}"), (insider, $"/challenges/{App.InvitedSlug}"), (insider, "/"),
                     (insider, $"/ideas/{idea}"), (insider, "/search?q=hedgehog"), (admin, $"/challenges/{App.InvitedSlug}"), (admin, "/") })
        {
            var (status, html) = await who.GetPageAsync(path.TrimStart('/'));
            status.Should().Be(HttpStatusCode.OK, path);
            html.Should().ContainEquivalentOf(Marker, $"{path} shows the private challenge to its audience and to staff");
        }

        var outsiderToken = await TokenAsync(outsider, outsiderEmail);
        var (betaCookie, betaAdmin) = await AnotherTenantsAdminAsync();
        var perspectives = new List<(string Name, HttpClient Http)>
        {
            ("visitor", app.Visit("alpha.test").Http),
            ("member outside the audience", outsider.Http),
            ("member outside the audience (token)", Bearer("alpha.test", outsiderToken)),
            ("beta's admin on alpha (cookie)", WithCookie("alpha.test", betaCookie)),
            ("beta's admin on beta", betaAdmin.Http),
        };

        var answers = new List<Answer>();
        var routes = Routes().Where(r => !r.Template.EndsWith("/signout", StringComparison.Ordinal)).ToList();
        // Reads first, so no write a probe makes (a token revoked, say) changes who the later reads are made as.
        foreach (var (method, template) in routes.OrderBy(r => r.Method != "GET"))
            foreach (var slug in template.Contains('{') ? new[] { App.GroupSlug, App.InvitedSlug } : [App.GroupSlug])
            {
                var path = Fill(template, slug, ids);
                foreach (var (name, http) in perspectives)
                    answers.Add(await SendAsync(http, name, method, path, ids));
            }
        foreach (var path in Extras())
            foreach (var (name, http) in perspectives)
                answers.Add(await SendAsync(http, name, "GET", path, ids));

        answers.Count.Should().BeGreaterThan(500, "the routing table offers well over a hundred routes, each asked five ways");
        answers.Where(a => a.Body.Contains(Marker, StringComparison.OrdinalIgnoreCase)).Select(a => a.ToString())
            .Should().BeEmpty("nobody outside a private challenge's audience learns its title, ideas or comments");
        answers.Where(a => a.Status >= 500).Select(a => a.ToString()).Should().BeEmpty();
        string[] own = [$"/challenges/{App.GroupSlug}", $"/api/v1/challenges/{App.GroupSlug}/ideas", $"/ideas/{idea}", $"/api/v1/ideas/{idea}",
            $"/challenges/{App.InvitedSlug}", $"/ideas/{invitedIdea}", $"/api/v1/ideas/{invitedIdea}", $"/ideas/{idea}/images/{image}/display",
            $"/api/v1/ideas/{idea}/images"];
        answers.Where(a => a.Method == "GET" && own.Contains(a.Path)).Select(a => (a.Path, a.Who)).Distinct().Should().HaveCount(own.Length * perspectives.Count);
        answers.Where(a => a.Method == "GET" && own.Contains(a.Path)).Should().OnlyContain(a => a.Status == 404, "a private challenge and its ideas are not found, as if they did not exist");

        // The site's numbers count only what everyone may see: the one public idea, not the private ones nor their vote.
        using var visitor = app.Visit("alpha.test");
        var stats = await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/stats");
        stats.GetProperty("ideas").GetInt32().Should().Be(1);
        stats.GetProperty("votes").GetInt32().Should().Be(0);
    }

    private async Task<string> TokenAsync(Visitor member, string email)
    {
        var made = await member.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = "correct horse battery" });
        made.StatusCode.Should().Be(HttpStatusCode.OK, await made.Content.ReadAsStringAsync());
        return (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>
    /// Beta's admin, with their sign-in cookie to try on alpha's host too. Beta has an idea of its own: its admin's exports of a
    /// site with no ideas answer 500 today (SQLite cannot type the empty counts), which is not what this test is about.
    /// </summary>
    private async Task<(string Cookie, Visitor Admin)> AnotherTenantsAdminAsync()
    {
        var admin = app.Visit("beta.test");
        var signedIn = await Visitor.RegisterAndSignInAsync(admin.Http, TestEmail.Unique("beta-admin"), "Staff to be");
        var id = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await app.GrantAsync("beta", id, Roles.Admin, "Beta Admin");
        await admin.UseAntiforgeryHeaderAsync();
        await admin.PostIdeaAsync("Beta's own idea", "Only on beta.");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".engine.signin=", StringComparison.Ordinal)).Split(';')[0];
        return (cookie, admin);
    }

    private HttpClient Bearer(string host, string token)
    {
        var http = app.Visit(host).Http;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    private HttpClient WithCookie(string host, string cookie)
    {
        var http = app.Visit(host).Http;
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        return http;
    }

    /// <summary>What takes its words from the query: search, similar ideas, and the pages that sum the site up.</summary>
    private static IEnumerable<string> Extras() =>
    [
        "/search?q=hedgehog", $"/search?q=hedgehog&challenge={App.GroupSlug}", "/api/v1/search?q=hedgehog", "/api/v1/search?q=private",
        $"/api/v1/challenges/{App.GroupSlug}/similar-ideas?title=hedgehog+crossing", $"/api/v1/challenges/{App.InvitedSlug}/similar-ideas?title=hedgehog",
        "/about/numbers", "/roadmap", "/news/feed.atom", "/api/v1/stats", "/api/v1/challenges", $"/challenges/{App.GroupSlug}?sort=new", "/account/contributions", "/account/email",
    ];

    private sealed record Answer(string Who, string Method, string Path, int Status, string Body)
    {
        public override string ToString()
        {
            var at = Math.Max(0, Body.IndexOf(Marker, StringComparison.OrdinalIgnoreCase) - 150);
            return $"{Who}: {Method} {Path} -> {Status} …{Body[at..Math.Min(at + 300, Body.Length)]}";
        }
    }

    private static async Task<Answer> SendAsync(HttpClient http, string who, string method, string path, Private ids)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        if (method is not ("GET" or "HEAD"))
            request.Content = path.StartsWith("/api/", StringComparison.Ordinal)
                ? JsonContent.Create(Fields(ids).ToDictionary(f => f.Key, f => (object)f.Value))
                : new FormUrlEncodedContent(Fields(ids));
        var response = await http.SendAsync(request);
        return new Answer(who, method, path, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Body fields a handler might read an id or a challenge from, naming the private things.</summary>
    private static List<KeyValuePair<string, string>> Fields(Private ids) =>
    [
        new("id", $"{ids.Idea}"), new("ideaId", $"{ids.Idea}"), new("commentId", $"{ids.Comment}"), new("memberId", $"{ids.Insider}"),
        new("challenge", App.GroupSlug), new("value", "1"), new("body", "probe"), new("title", "probe"), new("reason", "probe"),
    ];

    /// <summary>Every route the engine maps, but not the catch-all asset folders (which name no challenge).</summary>
    private List<(string Method, string Template)> Routes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.Contains("{*"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct().OrderBy(e => e.Item2, StringComparer.Ordinal).ThenBy(e => e.m, StringComparer.Ordinal).ToList();

    /// <summary>Puts a private challenge's slug, and its ideas' and comments' ids, into a route.</summary>
    private static string Fill(string template, string slug, Private ids) =>
        RouteParameter().Replace(template, m =>
        {
            var before = template[..m.Index].TrimEnd('/');
            var segment = before[(before.LastIndexOf('/') + 1)..];
            var name = m.Groups["name"].Value;
            if (name == "size") return "display";
            if (m.Groups["constraint"].Value != ":long" && !name.EndsWith("id", StringComparison.OrdinalIgnoreCase)) return slug;
            return (segment, name) switch
            {
                ("comments", _) or (_, "commentId") => ids.Comment,
                ("members", _) or (_, "memberId") => ids.Insider,
                (_, "imageId") => ids.Image,
                _ => slug == App.InvitedSlug ? ids.InvitedIdea : ids.Idea,
            } is var id ? id.ToString() : "";
        }).Replace("?", "");

    [GeneratedRegex("\\{(?<name>[a-zA-Z]+)(?<constraint>:[a-z]+)?\\??\\}")]
    private static partial Regex RouteParameter();
}
