using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Engine.Core.News;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests;

/// <summary>
/// Every site path that README.md and docs/*.md name (in `code`), requested on a sample tenant as its admin (the
/// system site's as a system administrator), with placeholders ({slug}, {id}, &lt;file&gt;) filled from data made
/// for the purpose: none is 404 or a 500. A path the docs name for another method may answer 405.
/// </summary>
public sealed partial class DocsPathsTests(SystemSiteApp app) : IClassFixture<SystemSiteApp>
{
    /// <summary>Written in the docs as the start of many addresses, not as one: each must begin some route.</summary>
    private static readonly string[] Prefixes = ["/api/v1", "/api/v1/admin", "/api/v1/system", "/api/v1/admin/exports/"];

    /// <summary>Named in the docs but not addresses on a site.</summary>
    private static readonly Dictionary<string, string> NotSitePaths = new()
    {
        ["/london"] = "an example of a tenant's pathPrefix value",
        ["/usr/lib/postgresql/15/bin"] = "a folder on the machine",
    };

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Every_path_the_docs_name_is_served()
    {
        var documented = DocumentedPaths();
        documented.Should().HaveCountGreaterThan(40, "the docs name dozens of addresses");

        var values = await SampleDataAsync();
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin, "Docs Admin");
        using var system = await app.SystemAdministratorAsync();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).ToList();

        var failures = new List<string>();
        foreach (var (file, documentedPath) in documented)
        {
            if (NotSitePaths.ContainsKey(documentedPath)) continue;
            if (Prefixes.Contains(documentedPath.TrimEnd('.')))
            {
                if (!routes.Any(r => r.StartsWith(documentedPath.TrimEnd('.'), StringComparison.Ordinal))) failures.Add($"{file}: {documentedPath} begins no route");
                continue;
            }
            var path = Fill(documentedPath, values);
            if (path is null) { failures.Add($"{file}: {documentedPath} has a placeholder the test cannot fill in"); continue; }
            var who = path.StartsWith("/system", StringComparison.Ordinal) || path.StartsWith("/api/v1/system", StringComparison.Ordinal) ? system : admin;
            var response = await who.Http.GetAsync(path.TrimStart('/'));
            if (response.StatusCode == HttpStatusCode.NotFound || (int)response.StatusCode >= 500)
                failures.Add($"{file}: {documentedPath} ({path}) -> {(int)response.StatusCode}");
        }
        failures.Should().BeEmpty(string.Join("\n", failures));
    }

    [Fact]
    public void The_readme_links_only_to_documents_in_the_repository()
    {
        var root = TestRepository.Root;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        foreach (Match document in DocumentReference().Matches(readme))
            File.Exists(Path.Combine(root, document.Groups[1].Value)).Should().BeTrue($"README.md names {document.Value}");
        readme.Should().NotContain("../", "a document outside the repository is not there for a reader of it");
        readme.Should().Contain("docs/architecture.md");
    }

    /// <summary>`/path`, `GET /path` or `PUT`/`DELETE /path` in README.md and docs/*.md, with the file it is in.</summary>
    private static List<(string File, string Path)> DocumentedPaths()
    {
        var root = TestRepository.Root;
        var files = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"));
        return files.SelectMany(file => CodePath().Matches(File.ReadAllText(file))
                .Select(m => (System.IO.Path.GetRelativePath(root, file), m.Groups[1].Value)))
            .Distinct().ToList();
    }

    private static string? Fill(string documented, IReadOnlyDictionary<string, string> values)
    {
        var missing = false;
        var path = Placeholder().Replace(documented.Replace("…", "x"), m =>
        {
            var before = documented[..m.Index].TrimEnd('/');
            var key = $"{before[(before.LastIndexOf('/') + 1)..]}/{m.Groups[1].Value}";
            if (values.TryGetValue(key, out var value) || values.TryGetValue(m.Groups[1].Value, out value)) return value;
            missing = true;
            return m.Value;
        });
        return missing ? null : path;
    }

    /// <summary>A closed challenge with an idea and a comment on it, a big idea, a published news item and an uploaded logo, made through the site.</summary>
    private async Task<Dictionary<string, string>> SampleDataAsync()
    {
        var (admin, adminId) = await app.MemberAsync("alpha.test", Roles.Admin, "Docs Setup Admin");
        var memberEmail = TestEmail.Unique("docs");
        var (member, memberId) = await app.MemberAsync("alpha.test", Roles.Member, "Docs Member", memberEmail);
        var token = await member.Http.PostAsJsonAsync("api/v1/account/tokens", new { email = memberEmail, password = "correct horse battery", name = "Docs" });
        token.StatusCode.Should().Be(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        var tokenId = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var slug = $"docs-{Guid.NewGuid():N}"[..16];
        (await admin.Http.PostAsJsonAsync("api/v1/admin/challenges", new
        {
            slug, title = "Documented challenge", description = "Every documented path", opensAt = DateTimeOffset.UtcNow.AddDays(-7), closesAt = DateTimeOffset.UtcNow.AddDays(7),
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        var idea = await member.PostIdeaAsync(challenge: slug);
        var commented = await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "A documented comment" });
        commented.StatusCode.Should().Be(HttpStatusCode.Created, await commented.Content.ReadAsStringAsync());
        var comment = (await commented.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await admin.Http.PutAsJsonAsync($"api/v1/admin/challenges/{slug}", new
        {
            title = "Documented challenge", description = "Every documented path", opensAt = DateTimeOffset.UtcNow.AddDays(-7), closesAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        var big = await admin.Http.PostAsJsonAsync($"api/v1/admin/challenges/{slug}/big-ideas", new { title = "A big idea", summary = "In the docs", description = "Described." });
        big.StatusCode.Should().Be(HttpStatusCode.Created, await big.Content.ReadAsStringAsync());
        var bigIdea = (await big.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var manage = app.Services.GetRequiredService<ManageNews>();
        var news = (await manage.SaveAsync("alpha", adminId, null, new NewsInput("Documented news", "A summary", "The body."))).Value;
        (await manage.PublishAsync("alpha", adminId, news, true)).Succeeded.Should().BeTrue();
        var upload = await admin.Http.PutAsync("api/v1/admin/settings/branding/logo", new MultipartFormDataContent { { new ByteArrayContent(Png), "logo", "logo.png" } });
        upload.StatusCode.Should().Be(HttpStatusCode.OK, await upload.Content.ReadAsStringAsync());
        var logo = BrandFile().Match(await (await admin.Http.GetAsync("/")).Content.ReadAsStringAsync());
        logo.Success.Should().BeTrue("the home page shows the uploaded logo");
        return new()
        {
            ["slug"] = slug, ["ideas/id"] = $"{idea}", ["big-ideas/id"] = $"{bigIdea}", ["news/id"] = $"{news}", ["tokens/id"] = $"{tokenId}", ["comments/id"] = $"{comment}", ["members/id"] = $"{memberId}", ["file"] = logo.Groups[1].Value,
        };
    }

    [GeneratedRegex("`(?:(?:GET|POST|PUT|DELETE|PATCH)`?/?`?)*\\s*(/[^`\\s]*)`")]
    private static partial Regex CodePath();

    [GeneratedRegex("[{<]([a-zA-Z]+)[}>]")]
    private static partial Regex Placeholder();

    [GeneratedRegex("/brand/([^\"?]+)")]
    private static partial Regex BrandFile();

    [GeneratedRegex("`((?:docs|bench|templates)/[^`\\s]+\\.(?:md|csv))`")]
    private static partial Regex DocumentReference();
}
