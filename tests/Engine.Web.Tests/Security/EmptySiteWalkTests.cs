using System.Net;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Security;

/// <summary>
/// A region's new site, before anyone has posted: every page, list, feed, export and count must answer it, not fail.
/// Sums and counts over no rows are where stores break (SQLite gives a computed column no type when nothing matches;
/// an export of a site with nothing posted once answered 500). Every GET route the app maps is asked for, as a visitor,
/// a member, an analyst, a moderator and an admin, on a site with its challenges and staff but no idea, comment or vote.
/// </summary>
public sealed partial class EmptySiteWalkTests
{
    private const string Host = "empty.test", Challenge = "waiting-well";
    private static readonly string[] Datasets = ["ideas", "comments", "votes", "themes", "big-ideas", "codes"];

    private sealed class Site : EngineApp
    {
        public Site() => WriteTenant("empty", Tenant("empty", "A new region", [Host], anonymous: true, downVotes: true));
    }

    [Fact]
    public async Task Every_get_route_answers_a_site_with_nothing_posted_yet_without_a_server_error()
    {
        await using var site = new Site();
        var people = new List<(string Who, Visitor Visitor)> { ("visitor", site.Visit(Host)) };
        foreach (var role in new[] { Roles.Member, Roles.Analyst, Roles.Moderator, Roles.Admin })
            people.Add((role, (await site.MemberAsync(Host, role, $"Walker {role}", $"walker-{role}@example.nhs.uk")).Visitor));

        var routes = GetRoutes(site);
        routes.Should().Contain(["admin/numbers", "api/v1/admin/exports/{dataset}.{format}", "api/v1/challenges"]);
        var unfilled = routes.Where(r => Fill(r).Count == 0).ToList();
        unfilled.Should().BeEmpty("every route's parameters must be filled in by Fill, so that the walk covers it");
        var paths = routes.SelectMany(Fill).SelectMany(p => Queries(p).Prepend(p)).Distinct().ToList();

        var failures = new List<string>();
        var answered = 0;
        foreach (var (who, visitor) in people)
            foreach (var path in paths)
            {
                try
                {
                    using var response = await visitor.Http.GetAsync(path);
                    if ((int)response.StatusCode >= 500)
                        failures.Add($"{who} GET /{path}: {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync())}");
                    else if (response.StatusCode == HttpStatusCode.OK) answered++;
                }
                catch (HttpRequestException e)
                {
                    // A streamed answer (an export) that fails after its headers went out breaks off instead of answering 500.
                    failures.Add($"{who} GET /{path}: broken off: {Shorten(e.GetBaseException().Message)}");
                }
            }
        failures.Should().BeEmpty("a site with nothing posted yet is every region's first day");
        answered.Should().BeGreaterThan(paths.Count * 2, "most routes answer a visitor or a member, and the admin ones an admin");
    }

    /// <summary>Every GET route of the tenant's site (pages answer GET without saying so), but not the catch-all asset folders.</summary>
    private static List<string> GetRoutes(Site site) =>
        site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Where(r => !r.Contains("{*"))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The paths a route is asked for: its challenge is the site's open one, an id one that does not exist (404 is a fine
    /// answer; a 500 is not), and the exports every dataset and format. A route with a parameter named otherwise has no
    /// path, which fails the test until it is taught here.
    /// </summary>
    private static IReadOnlyList<string> Fill(string route)
    {
        if (route.Contains("{documentName}"))
            return [.. from d in new[] { "public", "admin", "system" } select route.Replace("{documentName}", d)];
        if (route.Contains("{dataset}.{format}"))
            return [.. from d in Datasets from f in new[] { "csv", "json" } select route.Replace("{dataset}.{format}", $"{d}.{f}")];
        var parameters = RouteParameter().Matches(route);
        if (parameters.Any(m => Value(m) is null)) return [];
        return [RouteParameter().Replace(route, m => Value(m)!).Replace("//", "/").TrimEnd('/')];

        static string? Value(Match m) => m.Groups["name"].Value switch
        {
            "slug" or "challenge" => Challenge,
            "size" => "display",
            "provider" => "oidc",
            "file" => "logo.png",
            "token" => "no-such-invite",
            var name when m.Groups["constraint"].Value == ":long" || name.EndsWith("id", StringComparison.OrdinalIgnoreCase) => "1",
            _ => null,
        };
    }

    /// <summary>The queries that choose what a list or an export holds, asked for as well as the bare path.</summary>
    private static IEnumerable<string> Queries(string path) => path switch
    {
        "admin/exports" => [.. from d in Datasets from f in new[] { "csv", "json" } select $"{path}?handler=Download&dataset={d}&format={f}"],
        "admin/ideas" or "admin/numbers" or "admin/responses" or "api/v1/admin/stats/daily" or "api/v1/admin/exports/bundle.zip" =>
            [$"{path}?challenge={Challenge}"],
        "admin/moderation" => [$"{path}?view=hidden"],
        "search" or "api/v1/search" => [$"{path}?q=waiting"],
        $"api/v1/challenges/{Challenge}/similar-ideas" => [$"{path}?title=Text+patients+their+place"],
        _ when path.StartsWith("api/v1/admin/exports/", StringComparison.Ordinal) => [$"{path}?challenge={Challenge}"],
        _ when path == $"challenges/{Challenge}" || path == $"api/v1/challenges/{Challenge}/ideas" =>
            [$"{path}?sort=top", $"{path}?sort=trending", $"{path}?status=open", $"{path}?responded=true"],
        _ => [],
    };

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    [GeneratedRegex("\\{(?<name>[a-zA-Z]+)(?<constraint>:[a-z]+)?\\??\\}")]
    private static partial Regex RouteParameter();
}
