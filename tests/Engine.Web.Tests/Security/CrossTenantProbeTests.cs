using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Engine.Core.Members;
using Engine.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Security;

/// <summary>
/// Tenant A's ids, slugs, tokens and cookies used on tenant B's host, for EVERY route the engine maps
/// (taken from its routing table, so a new page or endpoint is probed without anyone adding it here)
/// and every form B's own pages offer (with A's ids put in): nothing of A's shows in any answer, no
/// answer is a 500, reads of A's ids are refused, and not one of A's stored rows changes.
/// </summary>
public sealed partial class CrossTenantProbeTests(CrossTenantProbeTests.App app) : IClassFixture<CrossTenantProbeTests.App>
{
    /// <summary>Alpha has a challenge beta lacks, so its slug names nothing on beta.</summary>
    public sealed class App : EngineApp
    {
        public const string AlphaOnlySlug = "alpha-only"; // no marker: a page may echo the address it was asked for

        public App()
        {
            var alpha = Tenant("alpha", "Alpha Health Ideas", ["alpha.test"], anonymous: false, downVotes: false);
            alpha["challenges"] = ((object[])alpha["challenges"]!).Append(new
            {
                slug = AlphaOnlySlug, title = "Alpha only challenge Qx7Zebra", description = "Only on alpha.",
                opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21),
            }).ToArray();
            WriteTenant("alpha", alpha);
        }
    }

    /// <summary>In every piece of alpha's content, so any leak of it onto beta is found by one search.</summary>
    private const string Marker = "qx7zebra"; // long enough that no random token contains it by chance

    private sealed record AlphaIds(long Idea, long Comment, long Member, string Token, string Cookie);

    [Fact]
    public async Task Every_route_and_form_on_one_tenants_host_refuses_another_tenants_ids_tokens_and_cookies_and_changes_nothing_of_theirs()
    {
        var alpha = await AlphaContentAsync();
        var (beta, betaIdea) = await BetaContentAsync();
        var before = await FingerprintAsync("alpha");

        // Beta's forms are read first, while its admin is signed in; signing out names nothing of alpha's and would
        // leave the rest of the probe signed out, so it is the one route not sent.
        var unread = new List<string>();
        var forms = await BetaFormsAsync(beta.Admin, betaIdea, unread);
        forms.Should().HaveCountGreaterThan(20, "beta's pages show its admin the forms for votes, comments, moderation, members, settings and theming; " +
            "pages not read: " + string.Join(", ", unread));

        var answers = new List<Answer>();
        foreach (var (method, template) in Routes().Where(r => !r.Template.EndsWith("/signout", StringComparison.Ordinal)))
        {
            var path = Fill(template, alpha);
            answers.Add(await SendAsync(beta.Admin, method, path, alpha, "beta admin (cookie)"));
            if (path.StartsWith("/api/", StringComparison.Ordinal))
                answers.Add(await SendAsync(beta.Token, method, path, alpha, "beta admin (bearer token)"));
            answers.Add(await SendAsync(beta.WithAlphaCookie, method, path, alpha, "alpha's cookie on beta"));
            answers.Add(await SendAsync(beta.WithAlphaToken, method, path, alpha, "alpha's token on beta"));
        }
        foreach (var form in forms.Where(f => !f.Action.EndsWith("/signout", StringComparison.Ordinal)))
            answers.Add(await PostFormAsync(beta.Admin, form, alpha));

        answers.Count.Should().BeGreaterThan(150, "the routing table and beta's pages offer dozens of routes and forms");
        answers.Where(a => a.Body.Contains(Marker, StringComparison.OrdinalIgnoreCase)).Select(a => a.ToString())
            .Should().BeEmpty("nothing of alpha's may show on beta's host");
        answers.Where(a => a.Status >= 500).Select(a => a.ToString()).Should().BeEmpty();
        answers.Where(a => a.Method == "GET" && a.NamesAlpha && a.Status is >= 200 and < 300).Select(a => a.ToString())
            .Should().BeEmpty("reading something by alpha's id or slug on beta's host finds nothing");
        (await FingerprintAsync("alpha")).Should().Equal(before, "not one of alpha's stored rows may change from beta's host");
    }

    private async Task<AlphaIds> AlphaContentAsync()
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin, "Alpha Admin Qx7Zebra");
        var (poster, _) = await app.MemberAsync("alpha.test", Roles.Member, "Alpha Poster Qx7Zebra");
        await app.MemberAsync("alpha.test", Roles.Member, "Alpha Reader Qx7Zebra");
        var (_, memberId) = await app.MemberAsync("alpha.test", Roles.Member, "Alpha Voter Qx7Zebra");
        long idea = 0, comment = 0;
        for (var i = 0; i < 6; i++)
            idea = await poster.PostIdeaAsync($"Alpha secret idea Qx7Zebra {i}", "Alpha secret body Qx7Zebra", challenge: i % 2 == 0 ? "waiting-well" : App.AlphaOnlySlug);
        for (var i = 0; i < 4; i++)
        {
            var posted = await admin.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = $"Alpha secret comment Qx7Zebra {i}", anonymous = false });
            posted.StatusCode.Should().Be(HttpStatusCode.Created);
            comment = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        (await poster.Http.PutAsJsonAsync($"api/v1/ideas/{idea - 1}/vote", new { value = 1 })).EnsureSuccessStatusCode();
        (await poster.Http.PostAsJsonAsync($"api/v1/comments/{comment}/report", new { reason = "Alpha report Qx7Zebra" })).EnsureSuccessStatusCode();

        var email = TestEmail.Unique("alpha-admin-qx7zebra");
        using var tokenHolder = app.Visit("alpha.test");
        var registered = await Visitor.RegisterAndSignInAsync(tokenHolder.Http, email, "Alpha Token Qx7Zebra");
        var cookie = registered.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".engine.signin=", StringComparison.Ordinal)).Split(';')[0];
        var tokenId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var members = app.Services.GetRequiredService<IMemberStore>();
        var holder = (await members.FindByIdAsync("alpha", tokenId))!;
        holder.Role = Roles.Admin;
        await members.UpdateAsync(holder);
        var token = (await (await tokenHolder.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = "correct horse battery" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        admin.Dispose();
        poster.Dispose();
        return new AlphaIds(idea, comment, memberId, token, cookie);
    }

    private sealed record Beta(Visitor Admin, Visitor Token, Visitor WithAlphaCookie, Visitor WithAlphaToken);

    /// <summary>Beta has a little of everything, so its admin pages show their forms; its ids stay below alpha's.</summary>
    private async Task<(Beta Beta, long Idea)> BetaContentAsync()
    {
        var (admin, _) = await app.MemberAsync("beta.test", Roles.Admin, "Beta Admin");
        var (member, _) = await app.MemberAsync("beta.test", Roles.Member, "Beta Member");
        var idea = await member.PostIdeaAsync("Beta's own idea", "Beta's own body");
        var comment = await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Beta's own comment", anonymous = false });
        var commentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await member.Http.PostAsJsonAsync($"api/v1/comments/{commentId}/report", new { reason = "Beta report" })).EnsureSuccessStatusCode();
        member.Dispose();

        var email = TestEmail.Unique("beta-token");
        var tokenVisitor = app.Visit("beta.test");
        var id = await tokenVisitor.RegisterAsync(email, "Beta Token Holder");
        var members = app.Services.GetRequiredService<IMemberStore>();
        var holder = (await members.FindByIdAsync("beta", id))!;
        holder.Role = Roles.Admin;
        await members.UpdateAsync(holder);
        var token = (await (await tokenVisitor.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = "correct horse battery" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        tokenVisitor.Http.DefaultRequestHeaders.Remove("Cookie");
        var bearer = app.Visit("beta.test");
        bearer.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        tokenVisitor.Dispose();
        return (new Beta(admin, bearer, app.Visit("beta.test"), app.Visit("beta.test")), idea);
    }

    private sealed record Answer(string Who, string Method, string Path, int Status, string Body, bool NamesAlpha)
    {
        public override string ToString()
        {
            var at = Math.Max(0, Body.IndexOf(Marker, StringComparison.OrdinalIgnoreCase) - 150);
            return $"{Who}: {Method} {Path} -> {Status} …{Body[at..Math.Min(at + 300, Body.Length)]}";
        }
    }

    /// <summary>Every route the engine maps, but not the catch-all asset folders (which take no ids).</summary>
    private List<(string Method, string Template)> Routes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.Contains("{*"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct().OrderBy(e => e.Item2, StringComparer.Ordinal).ThenBy(e => e.m, StringComparer.Ordinal).ToList();

    /// <summary>Puts alpha's ids and slug into a route: the kind of id follows the segment before it.</summary>
    private static string Fill(string template, AlphaIds alpha) =>
        RouteParameter().Replace(template, m =>
        {
            var before = template[..m.Index].TrimEnd('/');
            var segment = before[(before.LastIndexOf('/') + 1)..];
            if (m.Groups["constraint"].Value != ":long" && !m.Groups["name"].Value.EndsWith("id", StringComparison.OrdinalIgnoreCase))
                return App.AlphaOnlySlug;
            return IdFor(segment, m.Groups["name"].Value, alpha).ToString();
        }).Replace("?", "");

    private static long IdFor(string segment, string name, AlphaIds alpha) => (segment, name) switch
    {
        (_, "ideaId") => alpha.Idea,
        ("comments", _) or (_, "commentId") => alpha.Comment,
        ("members", _) or (_, "memberId") => alpha.Member,
        _ => alpha.Idea,
    };

    private async Task<Answer> SendAsync(Visitor who, string method, string path, AlphaIds alpha, string whoName)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        if (whoName.StartsWith("alpha's cookie", StringComparison.Ordinal)) request.Headers.Add("Cookie", alpha.Cookie);
        if (whoName.StartsWith("alpha's token", StringComparison.Ordinal)) request.Headers.Authorization = new("Bearer", alpha.Token);
        if (method is not ("GET" or "HEAD"))
            request.Content = path.StartsWith("/api/", StringComparison.Ordinal)
                ? JsonContent.Create(Fields(alpha).ToDictionary(f => f.Key, f => (object)f.Value))
                : new FormUrlEncodedContent(Fields(alpha)); // the anti-forgery token travels in the visitor's header
        var response = await who.Http.SendAsync(request);
        return new Answer(whoName, method, path, (int)response.StatusCode, await response.Content.ReadAsStringAsync(), NamesAlpha(path, alpha));
    }

    private static bool NamesAlpha(string path, AlphaIds alpha) =>
        path.Contains(App.AlphaOnlySlug, StringComparison.Ordinal)
        || Regex.IsMatch(path, $"/({alpha.Idea}|{alpha.Comment}|{alpha.Member})(/|$|\\?)");

    /// <summary>
    /// Body fields a handler might read an id or a choice from, naming alpha's things. A slug in a body
    /// names a challenge to create, which beta may do with any slug, so it is beta's own.
    /// </summary>
    private static List<KeyValuePair<string, string>> Fields(AlphaIds alpha) =>
    [
        new("id", $"{alpha.Idea}"), new("ideaId", $"{alpha.Idea}"), new("commentId", $"{alpha.Comment}"), new("memberId", $"{alpha.Member}"),
        new("keepId", $"{alpha.Idea}"), new("duplicateId", $"{alpha.Idea}"), new("into", $"{alpha.Idea}"), new("themeId", "1"),
        new("slug", "beta-probe"), new("challenge", App.AlphaOnlySlug), new("value", "1"), new("body", "probe"), new("title", "probe"),
        new("reason", "probe"), new("role", Roles.Admin), new("status", "under-review"), new("note", "probe"),
    ];

    private sealed record Form(string Action, List<KeyValuePair<string, string>> Fields);

    /// <summary>Every post form on beta's own pages (public and admin), as its admin sees them.</summary>
    private async Task<List<Form>> BetaFormsAsync(Visitor admin, long betaIdea, List<string> unread)
    {
        var pages = Routes().Where(r => r.Method == "GET" && !r.Template.Contains("/api/", StringComparison.Ordinal))
            .Select(r => RouteParameter().Replace(r.Template, m => m.Groups["constraint"].Value == ":long" ? $"{betaIdea}" : "waiting-well").Replace("?", ""))
            .Concat(["/admin/moderation?view=hidden", "/admin/theming?challenge=waiting-well"])
            .Distinct();
        var forms = new List<Form>();
        foreach (var page in pages)
        {
            var (status, html) = await admin.GetPageAsync(page);
            if (status != HttpStatusCode.OK) { unread.Add($"{page} -> {(int)status}"); continue; }
            foreach (Match form in FormElement().Matches(html))
            {
                var tag = form.Groups["tag"].Value;
                if (!Attribute(tag, "method").Equals("post", StringComparison.OrdinalIgnoreCase)) continue;
                var action = WebUtility.HtmlDecode(Attribute(tag, "action"));
                var fields = InputElement().Matches(form.Groups["body"].Value)
                    .Select(i => new KeyValuePair<string, string>(WebUtility.HtmlDecode(Attribute(i.Value, "name")), WebUtility.HtmlDecode(Attribute(i.Value, "value"))))
                    .Where(f => f.Key.Length > 0).ToList();
                forms.Add(new Form(action.Length == 0 ? page : action, fields));
            }
        }
        return forms;
    }

    /// <summary>Beta's form with every id in its action and fields swapped for alpha's.</summary>
    private static async Task<Answer> PostFormAsync(Visitor admin, Form form, AlphaIds alpha)
    {
        var action = NumericSegment().Replace(form.Action, m => $"/{m.Groups["segment"].Value}/{IdFor(m.Groups["segment"].Value, "", alpha)}");
        action = IdInQuery().Replace(action, m => $"{m.Groups["name"].Value}={IdFor("", m.Groups["name"].Value, alpha)}");
        action = ChallengeInQuery().Replace(action, $"challenge={App.AlphaOnlySlug}");
        var fields = form.Fields.Select(f =>
            f.Key.EndsWith("id", StringComparison.OrdinalIgnoreCase) && long.TryParse(f.Value, out _) ? new(f.Key, IdFor("", f.Key, alpha).ToString())
            : f.Key == "challenge" ? new(f.Key, App.AlphaOnlySlug)
            : f).ToList();
        var response = await admin.Http.PostAsync(action.TrimStart('/'), new FormUrlEncodedContent(fields));
        return new Answer("beta admin (form)", "POST", action, (int)response.StatusCode, await response.Content.ReadAsStringAsync(), NamesAlpha(action, alpha));
    }

    /// <summary>Columns the engine's own email sender moves as it delivers alpha's queued mail, whoever is probing.</summary>
    private static readonly HashSet<string> DeliveryState = ["attempts", "claimed_until", "sent_at", "next_attempt_at", "failed_at", "last_error"];

    /// <summary>A hash of every row alpha has, per table that carries a tenant id.</summary>
    private async Task<Dictionary<string, string>> FingerprintAsync(string tenantId)
    {
        var db = app.Services.GetRequiredService<Database>();
        await using var c = db.OpenReader();
        var tables = await c.QueryAsync<string>(db.Dialect == SqlDialect.Sqlite
            ? "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'tenant_id' ORDER BY m.name"
            : "SELECT table_name FROM information_schema.columns WHERE column_name = 'tenant_id' AND table_schema = current_schema() ORDER BY table_name");
        var hashes = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            var rows = (await c.QueryAsync($"SELECT * FROM {table} WHERE tenant_id = @tenantId", new { tenantId }))
                .Select(r => string.Join("|", ((IDictionary<string, object?>)r).Where(p => !DeliveryState.Contains(p.Key))
                    .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")))
                .Order(StringComparer.Ordinal);
            hashes[table] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))));
        }
        hashes.Should().ContainKeys("ideas", "comments", "votes", "members");
        return hashes;
    }

    private static string Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"(?<v>[^\"]*)\"", RegexOptions.IgnoreCase) is { Success: true } m ? m.Groups["v"].Value : "";

    [GeneratedRegex("\\{(?<name>[a-zA-Z]+)(?<constraint>:[a-z]+)?\\??\\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("<form(?<tag>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex("<(input|button|select|textarea)\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputElement();

    [GeneratedRegex("/(?<segment>[a-z-]+)/\\d+")]
    private static partial Regex NumericSegment();

    [GeneratedRegex("(?<name>[a-zA-Z]*[iI]d)=\\d+")]
    private static partial Regex IdInQuery();

    [GeneratedRegex("challenge=[a-z0-9-]+")]
    private static partial Regex ChallengeInQuery();
}
