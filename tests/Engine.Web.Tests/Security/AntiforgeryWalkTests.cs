using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Engine.Core.Members;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Security;

/// <summary>
/// Every endpoint in the engine's routing table that takes POST, PUT, DELETE or PATCH (site forms, the JSON API,
/// the admin and system Razor pages with each of their handlers), sent by a signed-in admin's browser with the
/// sign-in cookie but without the anti-forgery token, as a forged cross-site request would be: each one refuses,
/// and the stored data is exactly as it was. The walk comes from the routing table, so a new endpoint is walked
/// without anyone remembering it; one the walker cannot fill in fails the test until it is listed here.
/// </summary>
public sealed class AntiforgeryWalkTests(SystemSiteApp app) : IClassFixture<SystemSiteApp>
{
    /// <summary>Endpoints that may be posted without a token, and why.</summary>
    private static readonly Dictionary<string, string> NeedNoToken = new()
    {
        ["* /healthz"] = "the health check answers any method and changes nothing",
        ["* /healthz/live"] = "the liveness probe, like /healthz: answers any method and changes nothing",
        ["* /healthz/ready"] = "the readiness probe, like /healthz: answers any method and changes nothing",
        ["POST /email/unsubscribe"] = "RFC 8058 one-click: a mail client posts with no cookie; the signed token in the address authorises it",
        ["POST /api/v1/account/register"] = "takes nobody's identity from the cookie: a new account from a JSON body, which a cross-site form cannot send",
        ["POST /api/v1/account/signin"] = "takes nobody's identity from the cookie: a password in a JSON body, which a cross-site form cannot send",
        ["POST /api/v1/account/tokens"] = "takes nobody's identity from the cookie: a password in a JSON body, which a cross-site form cannot send",
    };

    private static readonly string[] Unsafe = ["POST", "PUT", "DELETE", "PATCH"];

    [Fact]
    public async Task Every_cookie_authenticated_write_refuses_a_request_without_the_anti_forgery_token_and_stores_nothing()
    {
        var (admin, adminId) = await app.MemberAsync("alpha.test", Roles.Admin, "Walk Admin");
        var (member, memberId) = await app.MemberAsync("alpha.test", Roles.Member, "Walk Member");
        var idea = await member.PostIdeaAsync();
        var comment = await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "A comment to forge on", anonymous = false });
        var commentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        // A forged request carries the cookies (sign-in and anti-forgery) but cannot read the token out of a page.
        admin.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        using var system = await app.SystemAdministratorAsync();
        var filled = new Dictionary<string, string>
        {
            ["ideas/{id}"] = $"{idea}", ["ideaId"] = $"{idea}", ["comments/{id}"] = $"{commentId}", ["members/{id}"] = $"{memberId}",
            ["slug"] = "waiting-well", ["big-ideas/{id}"] = "1", ["themes/{id}"] = "1", ["news/edit/{id}"] = "1", ["tokens/{id}"] = "1",
            ["invites/{id}"] = "1", ["members/{memberId}"] = $"{memberId}", ["imageId"] = "1",
        };

        // Each signed-in request records that its member used the site, once a day (the retention rule): both make theirs now.
        await admin.Http.GetAsync("");
        await system.Http.GetAsync("system");
        var before = await SnapshotAsync();
        var failures = new List<string>();
        var walked = 0;
        foreach (var (method, template, handler) in Writes())
        {
            var key = $"{method} {template}";
            if (NeedNoToken.ContainsKey(key) || NeedNoToken.ContainsKey($"* {template}")) continue;
            if (Fill(template, filled) is not { } path)
            {
                failures.Add($"{key}: the walker cannot fill in its route values; add them to 'filled' (or the endpoint to NeedNoToken, with the reason)");
                continue;
            }
            var onSystem = template.StartsWith("/system", StringComparison.Ordinal) || template.StartsWith("/api/v1/system", StringComparison.Ordinal);
            var who = onSystem ? system : admin;
            var api = template.StartsWith("/api/", StringComparison.Ordinal);
            var target = path.TrimStart('/') + (handler is null ? "" : $"?handler={handler}");
            using var request = new HttpRequestMessage(new HttpMethod(method), target)
            {
                Content = api ? new StringContent("{}", Encoding.UTF8, "application/json")
                    : new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = "Forged", ["body"] = "Forged", ["value"] = "1", ["follow"] = "true" }),
            };
            var response = await who.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            walked++;
            var refused = response.StatusCode == HttpStatusCode.BadRequest && (
                api ? text.Contains("Anti-forgery token missing or invalid", StringComparison.Ordinal) && text.Contains("\"code\":\"problem.antiforgery\"", StringComparison.Ordinal)
                : handler is not null || template.StartsWith("/admin", StringComparison.Ordinal) || template.StartsWith("/system", StringComparison.Ordinal)
                    ? true // Razor Pages answer a missing token with a bare 400 before any handler runs.
                    : text.Contains("Sorry, we could not read that form", StringComparison.Ordinal));
            if (!refused) failures.Add($"{method} {target}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
        }

        walked.Should().BeGreaterThan(60, "the routing table holds dozens of writes");
        failures.Should().BeEmpty("every cookie-authenticated write needs the anti-forgery token:\n" + string.Join("\n", failures));
        (await SnapshotAsync()).Should().Equal(before, "a refused request stores nothing");
    }

    /// <summary>Each write from the routing table: minimal API endpoints by their methods, Razor pages by their POST handlers.</summary>
    private List<(string Method, string Template, string? Handler)> Writes()
    {
        var writes = new List<(string, string, string?)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (template.Contains("{*", StringComparison.Ordinal)) continue; // the not-found fallbacks
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                foreach (var handler in PageHandlers(page)) writes.Add(("POST", template, handler));
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? Unsafe;
            foreach (var method in methods.Where(Unsafe.Contains)) writes.Add((method, template, null));
        }
        return writes.Distinct().OrderBy(w => w.Item2, StringComparer.Ordinal).ThenBy(w => w.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>A page's POST handlers (null for OnPost itself), from its model class: /Pages/Admin/Members.cshtml is Engine.Web.Pages.Admin.MembersModel.</summary>
    private static IEnumerable<string?> PageHandlers(PageActionDescriptor page)
    {
        var name = "Engine.Web" + page.RelativePath[..^".cshtml".Length].Replace('/', '.') + "Model";
        var model = typeof(Engine.Web.Site.SitePage).Assembly.GetType(name)
            ?? throw new InvalidOperationException($"No page model {name} for {page.RelativePath}: the walker expects the usual naming.");
        return model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => Regex.Match(m.Name, "^OnPost(\\w*?)(Async)?$"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value is { Length: > 0 } handler ? handler : null)
            .Distinct();
    }

    private static string? Fill(string template, Dictionary<string, string> filled)
    {
        var missing = false;
        var path = Regex.Replace(template, "\\{([a-zA-Z]+)(:[a-z]+)?\\??\\}", m =>
        {
            var before = template[..m.Index].TrimEnd('/');
            var segment = before[(before.LastIndexOf('/') + 1)..];
            var edit = segment == "edit" ? before[..before.LastIndexOf('/')] : "";
            var parent = edit.Length > 0 ? edit[(edit.LastIndexOf('/') + 1)..] + "/edit" : segment;
            if (filled.TryGetValue($"{parent}/{{{m.Groups[1].Value}}}", out var value) || filled.TryGetValue(m.Groups[1].Value, out value)) return value;
            missing = true;
            return m.Value;
        });
        return missing ? null : path;
    }

    /// <summary>Every row of every table, so any write at all shows.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        var database = app.Services.GetRequiredService<Engine.Data.Database>();
        await using var db = database.OpenReader();
        var tables = database.Dialect == Engine.Data.SqlDialect.Sqlite
            ? await db.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search%'")
            : await db.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
        var rows = new List<string>();
        foreach (var table in tables.Order(StringComparer.Ordinal))
            foreach (IDictionary<string, object?> row in await db.QueryAsync($"SELECT * FROM \"{table}\""))
                rows.Add(table + ": " + string.Join(", ", row.Select(c => $"{c.Key}={Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture)}")));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
