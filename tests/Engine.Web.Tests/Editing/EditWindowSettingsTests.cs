using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Editing;

/// <summary>Admins change the edit window over tenant.json's, in the admin settings and the API: at once, audited, checked field by field.</summary>
public sealed class EditWindowSettingsTests(EditingApp app) : IClassFixture<EditingApp>
{
    [Fact]
    public async Task An_admin_switches_editing_off_and_on_again_through_the_api_and_each_change_is_audited()
    {
        var (admin, _) = await app.MemberAsync("public.test", Roles.Admin, "Ada Admin");
        var (author, _) = await app.MemberAsync("public.test", Roles.Member);
        var idea = await author.PostIdeaAsync();

        var off = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/editing", new { window = "off" });
        off.StatusCode.Should().Be(HttpStatusCode.OK, await off.Content.ReadAsStringAsync());
        (await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "Edited while editing is off", body = "No" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var minutes = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/editing", new { window = "minutes", minutes = 45 });
        (await minutes.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("minutes").GetInt32().Should().Be(45);
        (await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "Edited within 45 minutes", body = "Yes" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var log = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=setting.changed");
        log.EnumerateArray().Where(e => e.GetProperty("subject").GetString() == "editing").Select(e => e.GetProperty("detail").GetString()).Should()
            .Equal("off -> 45 minutes after posting", "until the first vote or comment -> off");

        var bad = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/editing", new { window = "minutes", minutes = 0 });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(bad)).GetProperty("errors").TryGetProperty("minutes", out _).Should().BeTrue();
        var unknown = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/editing", new { window = "forever" });
        (await Visitor.ProblemAsync(unknown)).GetProperty("errors").TryGetProperty("window", out _).Should().BeTrue();
        (await author.Http.PutAsJsonAsync("api/v1/admin/settings/editing", new { window = "off" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_settings_page_changes_the_window_and_a_refused_change_names_the_minutes_and_keeps_what_was_typed()
    {
        var (admin, _) = await app.MemberAsync("fully.test", Roles.Admin);
        var (_, page) = await admin.GetPageAsync("/admin/settings");
        page.Should().Contain("How long members may edit their posts").And.Contain("tenant.json says until the first vote or comment");

        var refused = await admin.SubmitAsync("/admin/settings", "/admin/settings?handler=Editing", new() { ["EditWindow"] = "minutes", ["EditMinutes"] = "20000" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("id=\"editMinutes-error\"").And.Contain("value=\"20000\"").And.Contain("href=\"#editMinutes\"");

        var saved = await admin.SubmitAsync("/admin/settings", "/admin/settings?handler=Editing", new() { ["EditWindow"] = "minutes", ["EditMinutes"] = "15" });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync("/admin/settings")).Html.Should().Contain("an admin chose 15 minutes after posting");
        var (author, _) = await app.MemberAsync("fully.test", Roles.Member);
        var idea = await author.PostIdeaAsync();
        (await author.GetPageAsync($"/ideas/{idea}/edit")).Html.Should().Contain("You can edit it for 15 minutes after posting.");
    }
}
