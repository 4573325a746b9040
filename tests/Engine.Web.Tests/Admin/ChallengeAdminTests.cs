using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Web.Tests.Admin;

/// <summary>Admins create, schedule, edit, reorder and archive challenges; a schedule opens and closes a challenge by itself.</summary>
public class ChallengeAdminTests : IAsyncLifetime
{
    private readonly ClockedEngineApp _app = new();
    private FakeTimeProvider Clock => _app.Clock;
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Visitor> Admin() => (await _app.MemberAsync("alpha.test", Roles.Admin, "Ada Admin")).Visitor;

    [Fact]
    public async Task A_scheduled_challenge_opens_and_closes_by_itself_and_is_read_only_once_closed()
    {
        using var admin = await Admin();
        var opens = Clock.GetUtcNow().AddHours(1);
        (await admin.Http.PostAsJsonAsync("api/v1/admin/challenges", new
        {
            slug = "winter-pressures", title = "Winter pressures", description = "Ideas for the coming winter.",
            opensAt = opens, closesAt = opens.AddDays(28),
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        using var member = _app.Visit("alpha.test");
        var email = TestEmail.Unique("m");
        await member.RegisterAsync(email);

        (await member.GetPageAsync("/challenges/winter-pressures")).Status.Should().Be(HttpStatusCode.NotFound, "not open yet");

        Clock.SetUtcNow(opens.AddMinutes(1));
        (await member.GetPageAsync("/challenges/winter-pressures")).Status.Should().Be(HttpStatusCode.OK);
        var idea = await member.PostIdeaAsync(title: "Open more step-down beds in winter", challenge: "winter-pressures");

        Clock.SetUtcNow(opens.AddDays(28).AddMinutes(1));
        // Four weeks on, the 14-day sign-in has expired too (it runs on the same clock): sign in again.
        (await member.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "correct horse battery" })).EnsureSuccessStatusCode();
        await member.UseAntiforgeryHeaderAsync();
        var (status, html) = await member.GetPageAsync("/challenges/winter-pressures");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("This challenge is closed");
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await member.Http.PostAsJsonAsync("api/v1/challenges/winter-pressures/ideas", new { title = "Too late now", body = "b", anonymous = false }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_challenge_input_is_refused_naming_the_field_and_a_taken_slug_conflicts()
    {
        using var admin = await Admin();
        async Task<string> Field(object body)
        {
            var response = await admin.Http.PostAsJsonAsync("api/v1/admin/challenges", body);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            return (await Visitor.ProblemAsync(response)).GetProperty("errors").EnumerateObject().Single().Name;
        }
        (await Field(new { slug = "Bad Slug", title = "Title here" })).Should().Be("slug");
        (await Field(new { slug = "ok-slug", title = "" })).Should().Be("title");
        (await Field(new { slug = "ok-slug", title = "Title here", opensAt = Clock.GetUtcNow(), closesAt = Clock.GetUtcNow().AddDays(-1) })).Should().Be("closesAt");
        (await admin.Http.PostAsJsonAsync("api/v1/admin/challenges", new { slug = "waiting-well", title = "Duplicate" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_admins_edit_wins_over_tenant_json_and_reordering_and_archiving_are_audited()
    {
        using var admin = await Admin();
        (await admin.Http.PutAsJsonAsync("api/v1/admin/challenges/waiting-well", new { title = "Waiting well, as the admin wrote it", description = "Edited." }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        // tenant.json changes (a deploy): the admin's edit stays.
        var tenant = EngineApp.Tenant("alpha", "Alpha Health Ideas", ["alpha.test"], anonymous: false, downVotes: false);
        tenant["name"] = "Alpha Health Ideas (redeployed)";
        _app.WriteTenant("alpha", tenant);
        using var visitor = _app.Visit("alpha.test");
        var started = DateTime.UtcNow;
        while (!(await visitor.GetPageAsync("/")).Html.Contains("(redeployed)"))
        {
            (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(15), "the change should be picked up while the engine runs");
            await Task.Delay(50);
        }
        (await visitor.GetPageAsync("/challenges/waiting-well")).Html.Should().Contain("Waiting well, as the admin wrote it");

        var all = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/challenges");
        var slugs = all.EnumerateArray().Select(c => c.GetProperty("slug").GetString()!).Reverse().ToArray();
        (await admin.Http.PutAsJsonAsync("api/v1/admin/challenges/order", new { slugs = slugs.Take(1) })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await admin.Http.PutAsJsonAsync("api/v1/admin/challenges/order", new { slugs })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/challenges")).EnumerateArray().Select(c => c.GetProperty("slug").GetString()).Should().Equal(slugs);

        (await admin.Http.PostAsync("api/v1/admin/challenges/waiting-well/archive", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await visitor.GetPageAsync("/challenges/waiting-well")).Status.Should().Be(HttpStatusCode.NotFound);
        var audit = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit");
        audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Contain(["challenge.updated", "challenge.reordered", "challenge.archived"]);
    }
}
