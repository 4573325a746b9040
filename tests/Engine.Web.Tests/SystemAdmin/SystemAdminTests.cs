using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.SystemAdmin;

/// <summary>
/// The system site on its own host: who can use it (only system administrators, never a tenant's admin),
/// what it shows about every tenant, and creating a tenant from its form and API.
/// </summary>
public partial class SystemAdminTests(SystemAdminTests.App app) : IClassFixture<SystemAdminTests.App>
{
    public const string Host = "system.test";
    public const string Email = "ops@deployment.example";
    public const string Password = "a long bootstrap secret";

    public sealed class App : EngineApp
    {
        public App()
        {
            var unknownRule = Tenant("misruled", "Misruled site", ["misruled.test"], anonymous: false, downVotes: false);
            unknownRule["rules"] = new { voting = new { rule = "no-such-rule" } };
            WriteTenant("misruled", unknownRule);
            // Removed by one test while its data stays stored; no other test uses it.
            WriteTenant("retired", Tenant("retired", "Retired site", ["retired.test"], anonymous: false, downVotes: false));
            WriteTenantJson("broken", "{\n  \"id\": \"broken\",\n  \"name\": \"Broken\",\n  \"hosts\": [\"broken.test\"],\n  \"colour\": 1\n}");
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:System:Hosts:0", Host);
            builder.UseSetting("Engine:System:BootstrapEmail", Email);
            builder.UseSetting("Engine:System:BootstrapPassword", Password);
        }
    }

    private async Task<Visitor> SystemAdminAsync()
    {
        var visitor = app.Visit(Host);
        var response = await visitor.SubmitAsync("/system/signin", "/system/signin", new() { ["Email"] = Email, ["Password"] = Password });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.Should().Be("/system");
        return visitor;
    }

    private async Task<Visitor> SystemApiClientAsync()
    {
        var visitor = app.Visit(Host);
        var response = await visitor.Http.PostAsJsonAsync("api/v1/account/tokens", new { email = Email, password = Password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        visitor.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return visitor;
    }

    [Fact]
    public async Task The_system_host_sends_visitors_to_its_own_sign_in_and_serves_nothing_of_any_tenant()
    {
        using var visitor = app.Visit(Host);
        var root = await visitor.Http.GetAsync("/");
        root.StatusCode.Should().Be(HttpStatusCode.Redirect);
        root.Headers.Location!.OriginalString.Should().Be("/system");

        var system = await visitor.Http.GetAsync("/system");
        system.StatusCode.Should().Be(HttpStatusCode.Redirect);
        system.Headers.Location!.OriginalString.Should().Be("/system/signin?returnUrl=%2Fsystem");

        foreach (var path in new[] { "/challenges/waiting-well", "/admin", "/account/register", "/account/signin", "/api/v1/challenges", "/api/v1/account/register" })
            (await visitor.Http.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        var registration = await visitor.Http.PostAsJsonAsync("api/v1/account/register", new { email = "x@example.org", password = "long enough password", displayName = "X" });
        registration.StatusCode.Should().Be(HttpStatusCode.NotFound, "nobody can register as a system administrator");
    }

    [Fact]
    public async Task The_bootstrap_administrator_signs_in_and_sees_every_tenant_with_its_problems()
    {
        using var admin = await SystemAdminAsync();
        var (status, html) = await admin.GetPageAsync("/system");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Alpha Health Ideas").And.Contain("alpha.test").And.Contain("shared.test/gamma");
        Row(html, "alpha").Should().Contain("Serving").And.NotContain("problem");
        Row(html, "misruled").Should().Contain("Serving, with problems");
        Problems(html, "misruled").Should().Contain("no-such-rule");
        Row(html, "broken").Should().Contain("Not served: tenant.json is broken");
        Problems(html, "broken").Should().Contain("tenant.json, line 5").And.Contain("colour");
        html.Should().Contain("id=\"plugin-thumbs\"");
    }

    [Fact]
    public async Task A_tenant_theme_that_fails_validation_is_shown_as_served_by_the_fallback_theme()
    {
        var folder = Path.Combine(app.TenantsPath, "badtheme");
        var tenant = EngineApp.Tenant("badtheme", "Bad theme site", ["badtheme.test"], anonymous: false, downVotes: false);
        app.WriteTenant("badtheme", tenant);
        Directory.CreateDirectory(Path.Combine(folder, "overrides"));
        File.WriteAllText(Path.Combine(folder, "overrides", "index.sbn-html"), "{{ include 'no-such-partial' }}");
        using var admin = await SystemAdminAsync();
        await Eventually(async () => Problems((await admin.GetPageAsync("/system")).Html, "badtheme")
            .Should().Contain("so the site uses 'base'").And.Contain("no-such-partial"));
    }

    [Fact]
    public async Task A_tenant_admin_cannot_use_the_system_site_from_their_own_host_or_with_their_own_sign_in()
    {
        var email = TestEmail.Unique("a");
        using var tenantAdmin = app.Visit("alpha.test");
        var id = await tenantAdmin.RegisterAsync(email);
        var members = app.Services.GetRequiredService<IMemberStore>();
        var member = (await members.FindByIdAsync("alpha", id))!;
        member.Role = Roles.Admin;
        await members.UpdateAsync(member);
        (await tenantAdmin.Http.GetAsync("/system")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        foreach (var route in new[] { "tenants", "tenants/alpha", "cache", "audit" })
            (await tenantAdmin.Http.GetAsync($"/api/v1/system/{route}")).StatusCode.Should().Be(HttpStatusCode.NotFound, $"/api/v1/system/{route} is the system site's");

        // Their personal token, carried to the system host, belongs to another site: it is nobody here.
        var tokenResponse = await tenantAdmin.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = "correct horse battery" });
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var carried = app.Visit(Host);
        carried.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        foreach (var route in new[] { "tenants", "cache" })
            (await carried.Http.GetAsync($"/api/v1/system/{route}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // And their email and password are not an account on the system site.
        using var signIn = app.Visit(Host);
        var refused = await signIn.SubmitAsync("/system/signin", "/system/signin", new() { ["Email"] = email, ["Password"] = "correct horse battery" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("do not match an account");
    }

    [Fact]
    public async Task A_tenant_created_from_the_form_is_served_within_seconds_and_its_first_admin_can_sign_in()
    {
        using var admin = await SystemAdminAsync();
        var response = await admin.SubmitAsync("/system/tenants/new", "/system/tenants/new", new()
        {
            ["Id"] = "north-east", ["Name"] = "North East ideas", ["Hosts"] = "north-east.test\nne.test", ["Theme"] = "nhs",
            ["AnonymousPosting"] = "true", ["VotingRule"] = "thumbs", ["ModerationRules"] = "personal-data",
            ["AnonymityPolicy"] = "anonymous-to-public", ["AdminEmail"] = "lead@north-east.example", ["AdminName"] = "Ne Lead",
        });
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var password = WebUtility.HtmlDecode(PasswordShown().Match(html).Groups[1].Value);
        password.Should().HaveLength(20);

        var (tenant, problem) = TenantFile.Read(Path.Combine(app.TenantsPath, "north-east"));
        problem.Should().BeNull();
        tenant!.Hosts.Should().Equal("north-east.test", "ne.test");
        tenant.Theme.Should().Be("nhs");
        tenant.Features.AnonymousPosting.Should().BeTrue();
        tenant.Features.DownVotes.Should().BeFalse();
        tenant.Rules.Voting!.Rule.Should().Be("thumbs");
        tenant.Rules.Moderation!.Select(m => m.Rule).Should().Equal("personal-data");

        using var site = app.Visit("ne.test");
        await Eventually(async () => (await site.GetPageAsync("/")).Html.Should().Contain("North East ideas"));
        var signIn = await site.SubmitAsync("/account/signin", "/account/signin", new() { ["email"] = "lead@north-east.example", ["password"] = password });
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
        (await site.GetPageAsync("/admin/settings")).Status.Should().Be(HttpStatusCode.OK, "the first admin runs their own site");

        var (_, overview) = await admin.GetPageAsync("/system");
        overview.Should().Contain("tenant.created north-east").And.Contain("first admin lead@north-east.example");
        overview.Should().NotContain(password);
    }

    [Theory]
    [InlineData("Id", "North East", "id", "lower-case letters")]
    [InlineData("Id", "alpha", "id", "already exists")]
    [InlineData("Hosts", "beta.test", "hosts", "already served by tenant 'beta'")]
    [InlineData("Hosts", "http://x.test:80", "hosts", "is not a host name")]
    [InlineData("Theme", "no-such-theme", "theme", "There is no theme 'no-such-theme'")]
    [InlineData("Theme", "../../etc", "theme", "must be the name of a folder")]
    [InlineData("VotingRule", "personal-data", "votingRule", "is a moderation rule, not a voting rule")]
    [InlineData("AdminEmail", "not an email", "adminEmail", "Enter an email address")]
    [InlineData("PathPrefix", "gamma", "pathPrefix", "must look like '/london'")]
    public async Task A_bad_field_is_named_on_the_form_and_nothing_is_written(string field, string value, string id, string message)
    {
        using var admin = await SystemAdminAsync();
        var fields = new Dictionary<string, string>
        {
            ["Id"] = "rejected-site", ["Name"] = "Rejected", ["Hosts"] = "rejected.test", ["Theme"] = "base",
            ["AdminEmail"] = "lead@rejected.example", ["AdminName"] = "Lead",
        };
        fields[field] = value;
        var response = await admin.SubmitAsync("/system/tenants/new", "/system/tenants/new", fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        html.Should().Contain($"href=\"#{id}\"").And.Contain(message);
        Directory.Exists(Path.Combine(app.TenantsPath, "rejected-site")).Should().BeFalse();
        Directory.GetDirectories(app.TenantsPath).Select(Path.GetFileName).Should().NotContain(d => d!.StartsWith("rejected"));
    }

    // Tenants are loaded in id order and the first to claim a host keeps it, so a new id sorting before
    // the owner's would have taken the host over at the next scan.
    [Fact]
    public async Task A_new_tenant_never_takes_a_host_from_a_site_already_served_there_whatever_its_id()
    {
        using var admin = await SystemAdminAsync();
        var response = await admin.SubmitAsync("/system/tenants/new", "/system/tenants/new", new()
        {
            ["Id"] = "aaa-first", ["Name"] = "Host thief", ["Hosts"] = "ALPHA.test", ["Theme"] = "base",
            ["AdminEmail"] = "lead@aaa.example", ["AdminName"] = "Lead",
        });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("href=\"#hosts\"").And.Contain("already served by tenant 'alpha'");
        Directory.Exists(Path.Combine(app.TenantsPath, "aaa-first")).Should().BeFalse();
    }

    [Fact]
    public async Task The_api_lists_tenants_and_creates_one_with_its_first_admin()
    {
        using var client = await SystemApiClientAsync();
        var list = await client.Http.GetFromJsonAsync<JsonElement>("api/v1/system/tenants");
        var tenants = list.GetProperty("tenants").EnumerateArray().ToList();
        tenants.Select(t => t.GetProperty("id").GetString()).Should().Contain(["alpha", "beta", "gamma", "broken"]);
        tenants.Single(t => t.GetProperty("id").GetString() == "broken").GetProperty("health").GetString().Should().Be("broken");

        var created = await client.Http.PostAsJsonAsync("api/v1/system/tenants", new
        {
            id = "api-made", name = "Made by the API", hosts = new[] { "api-made.test" }, theme = "london",
            anonymousPosting = false, downVotes = true, adminEmail = "lead@api-made.example", adminName = "Api Lead",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.OriginalString.Should().Be("/api/v1/system/tenants/api-made");
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("adminPassword").GetString().Should().NotBeNullOrEmpty();

        using var site = app.Visit("api-made.test");
        await Eventually(async () => (await site.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.OK));
        await Eventually(async () => (await client.Http.GetAsync("api/v1/system/tenants/api-made")).StatusCode.Should().Be(HttpStatusCode.OK));

        var again = await client.Http.PostAsJsonAsync("api/v1/system/tenants", new
        {
            id = "api-made", name = "Again", hosts = new[] { "again.test" }, adminEmail = "x@again.example", adminName = "Xa Admin",
        });
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var invalid = await client.Http.PostAsJsonAsync("api/v1/system/tenants", new { id = "no-hosts", name = "No hosts", adminEmail = "x@example.org", adminName = "Xa Admin" });
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(invalid)).GetProperty("errors").TryGetProperty("hosts", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_tenant_id_whose_data_is_still_stored_is_not_reused()
    {
        // A site that was removed from the tenants folder keeps its members and ideas in the database;
        // a new tenant with its id would silently inherit them.
        await app.MemberAsync("retired.test", Roles.Member);
        using var client = await SystemApiClientAsync();
        Directory.Delete(Path.Combine(app.TenantsPath, "retired"), recursive: true);
        await Eventually(async () => (await app.Visit("retired.test").GetPageAsync("/")).Status.Should().Be(HttpStatusCode.NotFound));
        var response = await client.Http.PostAsJsonAsync("api/v1/system/tenants", new
        {
            id = "retired", name = "Retired again", hosts = new[] { "retired-again.test" }, adminEmail = "x@retired.example", adminName = "Xa Admin",
        });
        response.StatusCode.Should().Be(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        (await Visitor.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("still stored");
        Directory.Exists(Path.Combine(app.TenantsPath, "retired")).Should().BeFalse("nothing is written for a refused tenant");
    }

    [Fact]
    public async Task The_system_site_shows_this_nodes_cache_hits_and_misses_per_kind_of_key()
    {
        using var client = await SystemApiClientAsync();
        var (member, _) = await app.MemberAsync("alpha.test", Roles.Member, "Cache Reader");
        async Task<long> ChallengeReadsAsync(string counter)
        {
            var kinds = await client.Http.GetFromJsonAsync<JsonElement>("api/v1/system/cache");
            return kinds.EnumerateArray().Where(k => k.GetProperty("kind").GetString() == "ChallengeBySlug")
                .Select(k => k.GetProperty(counter).GetInt64()).SingleOrDefault();
        }
        var (hits, misses) = (await ChallengeReadsAsync("hits"), await ChallengeReadsAsync("misses"));

        // A member's challenge page reads the challenge through the cache. Another write may land between two views
        // (a background job's), so the second view is not sure to hit; one of a few is.
        for (var view = 0; view < 5 && await ChallengeReadsAsync("hits") == hits; view++)
            (await member.GetPageAsync("/challenges/waiting-well")).Status.Should().Be(HttpStatusCode.OK);

        (await ChallengeReadsAsync("hits")).Should().BeGreaterThan(hits, "a view with no write since the last read is served the kept challenge");
        (await ChallengeReadsAsync("misses")).Should().BeGreaterThan(misses, "the first view read it");
        using var admin = await SystemAdminAsync();
        var html = (await admin.GetPageAsync("/system")).Html;
        var row = Regex.Match(html, "<tr class=\"nhsuk-table__row\" id=\"cache-ChallengeBySlug\">(.*?)</tr>", RegexOptions.Singleline);
        row.Success.Should().BeTrue("every kind of key used has a row");
        Regex.Matches(row.Groups[1].Value, "<td[^>]*>([^<]+)</td>").Select(m => m.Groups[1].Value).Last().Should().MatchRegex("^[0-9]+ %$", "its hit rate");
    }

    private static string Row(string html, string id)
    {
        var match = Regex.Match(html, $"<tr class=\"nhsuk-table__row\" id=\"tenant-{id}\">(.*?)</tr>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"tenant {id} should have a row");
        return match.Groups[1].Value;
    }

    private static string Problems(string html, string id)
    {
        var match = Regex.Match(html, $"<div class=\"nhsuk-card\" id=\"problems-{id}\">(.*?)</div>\\s*</div>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"tenant {id} should have its problems listed");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task Eventually(Func<Task> check)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try { await check(); return; }
            catch (Exception) when (DateTime.UtcNow < deadline) { await Task.Delay(100); }
        }
    }

    [GeneratedRegex("<code id=\"admin-password\">([^<]+)</code>")]
    private static partial Regex PasswordShown();
}
