using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Admin;

public class AdminApiTests(AdminApiTests.App app) : IClassFixture<AdminApiTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            var moderated = Tenant("moderated", "Moderated site", ["moderated.test"], anonymous: true, downVotes: true);
            moderated["rules"] = new { moderation = new[] { new { rule = "personal-data" } } };
            WriteTenant("moderated", moderated);
        }
    }

    private Task<(Visitor Visitor, long Id)> With(string host, string role, string name = "Staff Member") => app.MemberAsync(host, role, name);

    public static readonly TheoryData<string, string> Endpoints = new()
    {
        { "GET", "api/v1/admin/settings" },
        { "PUT", "api/v1/admin/settings" },
        { "GET", "api/v1/admin/moderation/queue" },
        { "POST", "api/v1/admin/moderation/ideas/1/approve" },
        { "POST", "api/v1/admin/moderation/ideas/1/reject" },
        { "POST", "api/v1/admin/moderation/comments/1/hide" },
        { "GET", "api/v1/admin/members" },
        { "POST", "api/v1/admin/members/1/block" },
        { "PUT", "api/v1/admin/members/1/role" },
        { "GET", "api/v1/admin/moderation/hidden" },
        { "POST", "api/v1/admin/moderation/ideas/1/restore" },
        { "POST", "api/v1/admin/moderation/comments/1/restore" },
        { "POST", "api/v1/admin/moderation/ideas/1/dismiss-reports" },
        { "POST", "api/v1/admin/moderation/comments/1/dismiss-reports" },
        { "POST", "api/v1/admin/members/1/unblock" },
        { "GET", "api/v1/admin/unanswered" },
        { "GET", "api/v1/admin/response-times" },
        { "PUT", "api/v1/admin/ideas/1/status" },
        { "PUT", "api/v1/admin/ideas/1/assign" },
        { "GET", "api/v1/admin/challenges" },
        { "POST", "api/v1/admin/challenges" },
        { "PUT", "api/v1/admin/challenges/waiting-well" },
        { "POST", "api/v1/admin/challenges/waiting-well/archive" },
        { "PUT", "api/v1/admin/challenges/order" },
        { "GET", "api/v1/admin/audit" },
        { "POST", "api/v1/moderation/ideas/1/reveal" },
        { "GET", "api/v1/admin/settings/rules" },
        { "PUT", "api/v1/admin/settings/rules" },
        { "DELETE", "api/v1/admin/settings/rules" },
        { "GET", "api/v1/admin/settings/challenges/waiting-well" },
        { "PUT", "api/v1/admin/settings/challenges/waiting-well" },
        { "DELETE", "api/v1/admin/settings/challenges/waiting-well" },
        { "GET", "api/v1/admin/settings/branding" },
        { "PUT", "api/v1/admin/settings/branding" },
        { "PUT", "api/v1/admin/settings/branding/logo" },
        { "DELETE", "api/v1/admin/settings/branding" },
        { "POST", "api/v1/admin/ideas/1/merge" },
        { "POST", "api/v1/admin/ideas/1/unmerge" },
        { "GET", "api/v1/admin/challenges/waiting-well/theming" },
        { "POST", "api/v1/admin/challenges/last-year/themes" },
        { "PUT", "api/v1/admin/themes/1" },
        { "POST", "api/v1/admin/themes/1/ideas" },
        { "DELETE", "api/v1/admin/themes/1/ideas/1" },
        { "PUT", "api/v1/admin/themes/1/big-idea" },
        { "POST", "api/v1/admin/challenges/last-year/big-ideas" },
        { "PUT", "api/v1/admin/big-ideas/1" },
        { "DELETE", "api/v1/admin/themes/1" },
        { "DELETE", "api/v1/admin/big-ideas/1" },
        { "POST", "api/v1/admin/updates" },
        { "POST", "api/v1/admin/imports/preview" },
        { "POST", "api/v1/admin/imports" },
        { "GET", "api/v1/admin/imports" },
        { "GET", "api/v1/admin/exports/ideas.csv" },
        { "GET", "api/v1/admin/exports/comments.json?challenge=waiting-well" },
        { "GET", "api/v1/admin/exports/bundle.zip" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_admin_endpoint_is_refused_to_visitors_members_and_admins_of_another_tenant(string method, string path)
    {
        using var visitor = app.Visit("alpha.test");
        var (member, _) = await With("alpha.test", Roles.Member);
        var (otherAdmin, _) = await With("beta.test", Roles.Admin);

        (await Send(visitor, method, path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Send(member, method, path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // The other tenant's admin, with their own cookie and token, on this tenant's host.
        var token = await TokenFor(otherAdmin, "beta.test");
        using var intruder = app.Visit("alpha.test");
        intruder.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await Send(intruder, method, path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        member.Dispose();
        otherAdmin.Dispose();
    }

    [Fact]
    public async Task Staff_roles_reach_what_their_role_allows()
    {
        var (moderator, _) = await With("alpha.test", Roles.Moderator);
        (await moderator.Http.GetAsync("api/v1/admin/moderation/queue")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await moderator.Http.GetAsync("api/v1/admin/settings")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "settings are for admins");
        var (champion, _) = await With("alpha.test", Roles.Champion);
        (await champion.Http.GetAsync("api/v1/admin/moderation/queue")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await moderator.Http.PostAsJsonAsync("api/v1/admin/updates", new { subject = "Hello all", body = "News" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "emailing every member is for admins");
    }

    [Fact]
    public async Task Turning_thumbs_down_off_removes_the_buttons_and_refuses_down_votes_at_once_and_is_audited()
    {
        var (admin, _) = await With("beta.test", Roles.Admin, "Ada Admin");
        var (member, _) = await With("beta.test", Roles.Member);
        var idea = await member.PostIdeaAsync();
        (await member.GetPageAsync($"/ideas/{idea}")).Html.Should().Contain("vote-down");

        (await admin.Http.PutAsJsonAsync("api/v1/admin/settings", new { anonymousPosting = true, downVotes = false })).StatusCode.Should().Be(HttpStatusCode.OK);

        (await member.GetPageAsync($"/ideas/{idea}")).Html.Should().NotContain("vote-down");
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = -1 })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var audit = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=setting.changed");
        audit.EnumerateArray().Should().Contain(e => e.GetProperty("subject").GetString() == "features.downVotes"
            && e.GetProperty("detail").GetString() == "on -> off" && e.GetProperty("actorName").GetString() == "Ada Admin");

        await admin.Http.PutAsJsonAsync("api/v1/admin/settings", new { anonymousPosting = true, downVotes = true });
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = -1 })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Turning_anonymous_posting_off_removes_the_choice_and_refuses_it_in_the_api()
    {
        var (admin, _) = await With("moderated.test", Roles.Admin);
        var (member, _) = await With("moderated.test", Roles.Member);
        (await member.GetPageAsync("/challenges/waiting-well/ideas/new")).Html.Should().Contain("name=\"anonymous\"");
        await admin.Http.PutAsJsonAsync("api/v1/admin/settings", new { anonymousPosting = false, downVotes = true });
        (await member.GetPageAsync("/challenges/waiting-well/ideas/new")).Html.Should().NotContain("name=\"anonymous\"");
        (await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Anonymous after switch-off", body = "b", anonymous = true }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await admin.Http.PutAsJsonAsync("api/v1/admin/settings", new { anonymousPosting = true, downVotes = true });
    }

    [Fact]
    public async Task Held_content_waits_in_the_queue_with_its_reason_and_a_moderator_approves_or_rejects_it()
    {
        var (moderator, _) = await With("moderated.test", Roles.Moderator, "Mo Derator");
        var (member, _) = await With("moderated.test", Roles.Member);
        var held = await Post(member, "Call me on 07700 900123");
        var rejected = await Post(member, "My NHS number is 943 476 5919");

        var queue = await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/queue");
        var item = queue.EnumerateArray().Single(q => q.GetProperty("id").GetInt64() == held);
        item.GetProperty("state").GetString().Should().Be("held");
        item.GetProperty("reason").GetString().Should().Contain("phone number").And.NotContain("07700");

        (await moderator.Http.PostAsync($"api/v1/admin/moderation/ideas/{held}/approve", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await member.GetPageAsync($"/ideas/{held}")).Status.Should().Be(HttpStatusCode.OK);

        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{rejected}/reject", new { reason = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{rejected}/reject", new { reason = "Please remove your NHS number and post again." }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await member.GetPageAsync($"/ideas/{rejected}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/queue")).EnumerateArray()
            .Should().NotContain(q => q.GetProperty("id").GetInt64() == held || q.GetProperty("id").GetInt64() == rejected);

        var audit = await With("moderated.test", Roles.Admin);
        var log = await audit.Visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit");
        log.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Contain(["content.approved", "content.rejected"]);
    }

    [Fact]
    public async Task Reported_content_shows_in_the_queue_and_a_moderator_can_hide_it()
    {
        var (moderator, _) = await With("alpha.test", Roles.Moderator);
        var (author, _) = await With("alpha.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: "An idea someone reports");
        var (reporter, _) = await With("alpha.test", Roles.Member);
        await reporter.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/report", new { reason = "off topic" });

        var queued = (await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/queue")).EnumerateArray()
            .Single(q => q.GetProperty("id").GetInt64() == idea);
        queued.GetProperty("reports").GetInt32().Should().Be(1);
        queued.GetProperty("state").GetString().Should().Be("published");

        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{idea}/hide", new { reason = "Off topic for this challenge" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await author.GetPageAsync($"/ideas/{idea}")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Blocking_a_member_hides_all_their_content_and_signs_them_out_at_once()
    {
        var (moderator, _) = await With("alpha.test", Roles.Moderator);
        var (troll, trollId) = await With("alpha.test", Roles.Member, "Troll Account");
        var first = await troll.PostIdeaAsync(title: "First troll idea");
        var second = await troll.PostIdeaAsync(title: "Second troll idea");

        var block = await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{trollId}/block", new { reason = "Repeated abuse of other members" });
        (await block.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hidden").GetInt32().Should().Be(2);
        using var reader = app.Visit("alpha.test");
        (await reader.GetPageAsync($"/ideas/{first}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetPageAsync($"/ideas/{second}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await troll.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Still trying to post", body = "b", anonymous = false }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the block applies to their existing sign-in at once");
    }

    [Fact]
    public async Task A_role_granted_ends_the_members_sign_ins_applies_at_the_next_on_that_tenant_only_and_is_audited()
    {
        var (admin, _) = await With("alpha.test", Roles.Admin, "Ada Admin");
        var email = TestEmail.Unique();
        using var person = app.Visit("alpha.test");
        var id = await person.RegisterAsync(email, "Newly Trusted");
        using var elsewhere = app.Visit("beta.test");
        await elsewhere.RegisterAsync(email, "Same Person Elsewhere");
        (await person.Http.GetAsync("api/v1/admin/moderation/queue")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await admin.Http.PutAsJsonAsync($"api/v1/admin/members/{id}/role", new { role = "wizard" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await admin.Http.PutAsJsonAsync($"api/v1/admin/members/{id}/role", new { role = Roles.Moderator })).StatusCode.Should().Be(HttpStatusCode.OK);

        // A new role ends the member's sign-ins (its security stamp changed); signing in again gives the new role.
        (await person.Http.GetAsync("api/v1/admin/moderation/queue")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await person.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "correct horse battery" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await person.UseAntiforgeryHeaderAsync();
        (await person.Http.GetAsync("api/v1/admin/moderation/queue")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await elsewhere.Http.GetAsync("api/v1/admin/moderation/queue")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a role on one tenant gives nothing on another");
        var log = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=role.granted");
        log.EnumerateArray().Should().Contain(e => e.GetProperty("subject").GetString() == $"member {id}" && e.GetProperty("detail").GetString() == "member -> moderator");
    }

    private static async Task<long> Post(Visitor member, string body)
    {
        var response = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "An idea with details", body, anonymous = false });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<string> TokenFor(Visitor admin, string host)
    {
        _ = host;
        var email = (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/members")).EnumerateArray()
            .First(m => m.GetProperty("role").GetString() == Roles.Admin).GetProperty("email").GetString();
        var token = await admin.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = "correct horse battery" });
        return (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static Task<HttpResponseMessage> Send(Visitor visitor, string method, string path) =>
        visitor.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : JsonContent.Create(new { reason = "a good reason here", role = "moderator", anonymousPosting = true, downVotes = true }),
        });
}
