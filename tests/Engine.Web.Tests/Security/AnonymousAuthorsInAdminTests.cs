using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Security;

/// <summary>
/// Anonymity may only be lifted by the audited reveal, so no admin or moderator answer may tell which posts an
/// anonymous author wrote. Two sites are built the same way, request for request, except that the anonymous posts
/// are written by Alex in one and by Casey in the other (both also post under their names, and Alex is blocked in
/// both). Every GET route under /api/v1/admin and /admin, found in the app's endpoints, is then asked for, as an
/// admin and as a moderator, on both sites: the answers must be the same but for times and anti-forgery tokens.
/// </summary>
public partial class AnonymousAuthorsInAdminTests
{
    private const string Host = "anon.test";

    private sealed class Site : EngineApp
    {
        public Site()
        {
            var site = Tenant("anon", "Anonymous to the public", [Host], anonymous: true, downVotes: true);
            site["rules"] = new { anonymity = new { rule = "anonymous-to-public" } };
            WriteTenant("anon", site);
        }
    }

    /// <summary>The ids the walker fills routes in with: the same on both sites, since both are built request for request alike.</summary>
    private sealed record Built(long Alex, long Casey, long NamedIdea, long AnonymousIdea, long AnonymousComment, long MergedIdea, long AnonymousReply,
        long AnonymousIdeasImage);

    /// <summary>
    /// Every route with parameters, and the paths the walker asks for it; every route also gets the extra queries listed in
    /// <see cref="Queries"/>. A new route with parameters fails the test until it is listed here.
    /// </summary>
    private static IReadOnlyList<string> Fill(string route, Built b) => route switch
    {
        "admin/ideas/{id:long}/status" => [$"admin/ideas/{b.AnonymousIdea}/status", $"admin/ideas/{b.NamedIdea}/status", $"admin/ideas/{b.MergedIdea}/status"],
        "admin/challenges/edit/{slug?}" => ["admin/challenges/edit", "admin/challenges/edit/waiting-well"],
        "admin/settings/challenges/{slug}" => ["admin/settings/challenges/waiting-well"],
        "admin/settings/challenges/{slug}/idea-form" => ["admin/settings/challenges/waiting-well/idea-form"],
        "admin/news/edit/{id:long?}" => ["admin/news/edit"],
        "api/v1/admin/settings/challenges/{slug}" => ["api/v1/admin/settings/challenges/waiting-well"],
        "api/v1/admin/challenges/{slug}" => ["api/v1/admin/challenges/waiting-well"],
        "api/v1/admin/challenges/{slug}/theming" => ["api/v1/admin/challenges/waiting-well/theming"],
        "api/v1/admin/groups/{slug}/members" => ["api/v1/admin/groups/ward-7/members"],
        "api/v1/admin/groups/{slug}/invites" => ["api/v1/admin/groups/ward-7/invites"],
        "api/v1/admin/members/{id:long}/data" => [$"api/v1/admin/members/{b.Alex}/data", $"api/v1/admin/members/{b.Casey}/data"],
        "api/v1/admin/moderation/ideas/{id:long}/versions" => [$"api/v1/admin/moderation/ideas/{b.AnonymousIdea}/versions", $"api/v1/admin/moderation/ideas/{b.NamedIdea}/versions"],
        "api/v1/admin/moderation/ideas/{id:long}/images" => [$"api/v1/admin/moderation/ideas/{b.AnonymousIdea}/images", $"api/v1/admin/moderation/ideas/{b.NamedIdea}/images"],
        "api/v1/admin/moderation/ideas/{id:long}/images/{imageId:long}/{size}" =>
            [$"api/v1/admin/moderation/ideas/{b.AnonymousIdea}/images/{b.AnonymousIdeasImage}/display", $"api/v1/admin/moderation/ideas/{b.AnonymousIdea}/images/{b.AnonymousIdeasImage}/thumbnail"],
        "api/v1/admin/moderation/comments/{id:long}/versions" =>
            [$"api/v1/admin/moderation/comments/{b.AnonymousComment}/versions", $"api/v1/admin/moderation/comments/{b.AnonymousReply}/versions"],
        "api/v1/admin/exports/{dataset}.{format}" =>
            [.. from d in new[] { "ideas", "comments", "votes", "themes", "big-ideas", "codes" } from f in new[] { "csv", "json" }
                from q in new[] { "", "?challenge=waiting-well" } select $"api/v1/admin/exports/{d}.{f}{q}"],
        _ when !route.Contains('{') => [route],
        _ => [],
    };

    private static IReadOnlyList<string> Queries(string path, Built b) => path switch
    {
        "api/v1/admin/members" => ["?search=Alex", "?search=Casey"],
        "admin/members" => ["?q=Alex", "?q=Casey"],
        "admin/moderation" => ["?view=hidden"],
        "api/v1/admin/audit" or "admin/audit" => ["?action=member.blocked", "?action=identity.revealed"],
        "admin/responses" => ["?challenge=waiting-well"],
        "admin/coding" => [$"?item=idea-{b.AnonymousIdea}", $"?item=comment-{b.AnonymousComment}", $"?item=comment-{b.AnonymousReply}", $"?item=idea-{b.NamedIdea}"],
        "admin/ideas" or "admin/numbers" or "api/v1/admin/stats/daily" or "api/v1/admin/exports/bundle.zip" => ["?challenge=waiting-well"],
        "admin/exports" =>
            [.. from d in new[] { "ideas", "comments", "votes", "themes", "big-ideas", "codes" } from f in new[] { "csv", "json" }
                select $"?handler=Download&dataset={d}&format={f}", "?handler=Download"],
        _ => [],
    };

    [Fact]
    public async Task No_admin_or_moderator_answer_tells_which_member_wrote_the_anonymous_posts()
    {
        await using var alexWrote = new Site();
        await using var caseyWrote = new Site();
        var first = await BuildAsync(alexWrote, anonymousByAlex: true);
        var second = await BuildAsync(caseyWrote, anonymousByAlex: false);
        first.Should().Be(second, "both sites are built request for request alike, so their ids match");
        var walkers = new Dictionary<string, (Visitor One, Visitor Two)>();
        foreach (var role in new[] { Roles.Admin, Roles.Moderator })
            walkers[role] = (await SignInAsync(alexWrote, role), await SignInAsync(caseyWrote, role));
        // The updates page counts the emails still waiting (registering queues one): the background sender drains each
        // site's outbox at its own pace, so both are compared once it has sent everything (a count taken mid-way once said
        // 0 on one site and 6 on the other).
        await OutboxDrainedAsync(alexWrote);
        await OutboxDrainedAsync(caseyWrote);

        var routes = GetRoutes(alexWrote);
        routes.Should().Contain(["api/v1/admin/moderation/hidden", "admin/members", "api/v1/admin/exports/{dataset}.{format}", "admin/responses"]);
        var unfilled = routes.Where(r => Fill(r, first).Count == 0).ToList();
        unfilled.Should().BeEmpty("every admin route with parameters must be listed in Fill, so that the walker covers it");

        var paths = routes.SelectMany(r => Fill(r, first)).SelectMany(p => Queries(p.Split('?')[0], first).Select(q => p + q).Prepend(p)).Distinct().ToList();
        var differences = new List<string>();
        var answered = 0;
        foreach (var role in new[] { Roles.Admin, Roles.Moderator })
        {
            var (one, two) = walkers[role];
            foreach (var path in paths)
            {
                var (status1, body1) = await AnswerAsync(one, path);
                var (status2, body2) = await AnswerAsync(two, path);
                if (status1 == HttpStatusCode.OK) answered++;
                if (status1 != status2) differences.Add($"{role} GET /{path}: {status1} where Alex wrote them, {status2} where Casey did");
                else if (body1 != body2) differences.Add($"{role} GET /{path}: {FirstDifference(body1, body2)}");
            }
        }
        answered.Should().BeGreaterThan(paths.Count, "most routes answer an admin, and the moderation ones a moderator too");
        differences.Should().BeEmpty("an answer that differs tells which member wrote the anonymous posts");
    }

    /// <summary>Every GET route of the admin area and its API, from the app's own endpoints (pages answer GET without saying so).</summary>
    private static List<string> GetRoutes(Site site) =>
        site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Where(r => r == "admin" || r.StartsWith("admin/") || r.StartsWith("api/v1/admin/"))
            .Distinct().Order().ToList();

    private static async Task<Built> BuildAsync(Site site, bool anonymousByAlex)
    {
        var (admin, _) = await site.MemberAsync(Host, Roles.Admin, "Ada Admin", "ada@example.nhs.uk");
        var (moderator, _) = await site.MemberAsync(Host, Roles.Moderator, "Mo Derator", "mo@example.nhs.uk");
        var (alex, alexId) = await site.MemberAsync(Host, Roles.Member, "Alex Example", "alex@example.nhs.uk");
        var (casey, caseyId) = await site.MemberAsync(Host, Roles.Member, "Casey Example", "casey@example.nhs.uk");
        var (voter, _) = await site.MemberAsync(Host, Roles.Member, "Val Voter", "val@example.nhs.uk");

        var named = await alex.PostIdeaAsync(title: "Alex's named idea", body: "Signed by Alex.");
        var caseyNamed = await casey.PostIdeaAsync(title: "Casey's named idea", body: "Signed by Casey.");
        await CommentAsync(alex, caseyNamed, "Alex's named comment", anonymous: false);
        await CommentAsync(casey, named, "Casey's named comment", anonymous: false);

        var writer = anonymousByAlex ? alex : casey;
        var anonymous = await writer.PostIdeaAsync(title: "An anonymous idea", body: "Nobody should know who wrote this.", anonymous: true);
        // Its author edits it (the versions moderators see must not tell who either), and withdraws another.
        (await writer.Http.PutAsJsonAsync($"api/v1/ideas/{anonymous}", new { title = "An anonymous idea, edited", body = "Nobody should know who wrote this, still." }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await Images.ImageApi.PostAsync(writer, anonymous, ("image", "ward.png", Images.TestImages.Png(), "The ward's day room"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var image = (await Images.ImageApi.ListAsync(writer, anonymous)).Single().GetProperty("id").GetInt64();
        var withdrawn = await writer.PostIdeaAsync(title: "An anonymous idea withdrawn", body: "Taken back.", anonymous: true);
        (await writer.Http.PostAsync($"api/v1/ideas/{withdrawn}/withdraw", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var merged = await writer.PostIdeaAsync(title: "An anonymous duplicate", body: "The same again.", anonymous: true);
        var comment = await CommentAsync(writer, named, "An anonymous comment", anonymous: true);
        var reply = await CommentAsync(writer, named, "An anonymous reply", anonymous: true, parent: comment);
        (await writer.Http.PutAsJsonAsync($"api/v1/comments/{reply}", new { body = "An anonymous reply, edited" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await CommentAsync(writer, anonymous, "The anonymous author answers", anonymous: true);

        foreach (var idea in new[] { named, caseyNamed, anonymous, merged })
            (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await voter.Http.PostAsJsonAsync($"api/v1/ideas/{anonymous}/report", new { reason = "Is this allowed?" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await voter.Http.PostAsJsonAsync($"api/v1/comments/{comment}/report", new { reason = "Rude" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.Http.PostAsJsonAsync($"api/v1/ideas/{anonymous}/comments", new { body = "Thank you: we are looking at this.", anonymous = false, official = true }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.Http.PostAsJsonAsync($"api/v1/admin/ideas/{merged}/merge", new { into = caseyNamed })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.Http.PostAsJsonAsync("api/v1/admin/updates", new { subject = "Thank you", body = "For taking part.", challenge = "waiting-well" }))
            .IsSuccessStatusCode.Should().BeTrue();

        (await admin.Http.PostAsJsonAsync("api/v1/admin/groups", new { slug = "ward-7", name = "Ward 7" })).IsSuccessStatusCode.Should().BeTrue();
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{alexId}/block", new { reason = "Cooling off period" })).StatusCode.Should().Be(HttpStatusCode.OK);
        return new Built(alexId, caseyId, named, anonymous, comment, merged, reply, image);
    }

    private static async Task OutboxDrainedAsync(Site site)
    {
        var emails = site.Services.GetRequiredService<Core.Email.IEmailStore>();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); await emails.PendingCountAsync("anon") > 0; await Task.Delay(50))
            DateTime.UtcNow.Should().BeBefore(deadline, "the background sender sends every queued email");
    }

    private static async Task<Visitor> SignInAsync(Site site, string role)
    {
        var (visitor, _) = await site.MemberAsync(Host, role, role == Roles.Admin ? "Walker Admin" : "Walker Moderator", $"walker-{role}@example.nhs.uk");
        return visitor;
    }

    private static async Task<long> CommentAsync(Visitor member, long idea, string body, bool anonymous, long? parent = null)
    {
        var response = await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body, anonymous, parentId = parent });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>The answer's status and its text with what legitimately differs between two runs taken out (a zip: each entry's text).</summary>
    private static async Task<(HttpStatusCode, string)> AnswerAsync(Visitor visitor, string path)
    {
        using var response = await visitor.Http.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        string text;
        if (bytes is [(byte)'P', (byte)'K', ..])
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            var all = new StringBuilder();
            foreach (var entry in zip.Entries.OrderBy(e => e.FullName))
            {
                using var reader = new StreamReader(entry.Open());
                all.Append("== ").AppendLine(entry.FullName).AppendLine(await reader.ReadToEndAsync());
            }
            text = all.ToString();
        }
        else text = Encoding.UTF8.GetString(bytes);
        return (response.StatusCode, Normalise(text));
    }

    private static string Normalise(string text)
    {
        text = AntiforgeryToken().Replace(text, "TOKEN");
        text = IsoTime().Replace(text, "TIME");
        text = ClockTime().Replace(text, "TIME");
        text = UnixMs().Replace(text, "MS");
        text = Decimal().Replace(text, "N.N");
        return Ago().Replace(text, "AGO");
    }

    private static string FirstDifference(string one, string two)
    {
        var at = 0;
        while (at < one.Length && at < two.Length && one[at] == two[at]) at++;
        string Around(string s) => s.Substring(Math.Max(0, at - 150), Math.Min(s.Length, at + 150) - Math.Max(0, at - 150)).ReplaceLineEndings(" ");
        return $"where Alex wrote them: …{Around(one)}… ; where Casey did: …{Around(two)}…";
    }

    [GeneratedRegex("[A-Za-z0-9_\\-]{40,}")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"\b\d{1,2}:\d{2}(:\d{2})?(\s?[ap]m)?", RegexOptions.IgnoreCase)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b\d{13}\b")]
    private static partial Regex UnixMs();

    // A duration can print as 2E-05 (no point) or 2.5E-05, depending on how long the request took.
    [GeneratedRegex(@"\b\d+(\.\d+(E[+-]?\d+)?|E[+-]?\d+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Decimal();

    [GeneratedRegex(@"\b(just now|(\d+|a|an) (second|minute|hour)s? ago)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ago();
}
