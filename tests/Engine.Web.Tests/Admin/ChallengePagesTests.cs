using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Web.Tests.Admin;

/// <summary>The Challenges admin pages: create, schedule in the site's time zone, edit, reorder, archive, with errors that name the field.</summary>
public class ChallengePagesTests : IAsyncLifetime
{
    private readonly ClockedEngineApp _app = new();
    private FakeTimeProvider Clock => _app.Clock;
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpResponseMessage> Submit(Visitor v, string page, string action, Dictionary<string, string> fields) =>
        ModerationActionsTests.Submit(v, page, action, fields);

    [Fact]
    public async Task An_admin_schedules_a_challenge_in_london_time_it_is_stored_in_utc_and_opens_and_closes_by_itself()
    {
        var (admin, _) = await _app.MemberAsync("alpha.test", Roles.Admin, "Ada Admin");
        var (status, form) = await admin.GetPageAsync("/admin/challenges/edit");
        status.Should().Be(HttpStatusCode.OK);
        form.Should().Contain("Opens (London time)").And.Contain("type=\"datetime-local\"");

        // 1 July is British Summer Time: 09:00 in London is 08:00 UTC.
        var create = await Submit(admin, "/admin/challenges/edit", "/admin/challenges/edit", new()
        {
            ["slug"] = "summer-ideas", ["title"] = "Summer ideas", ["description"] = "Ideas for the summer.",
            ["opensAt"] = "2030-07-01T09:00", ["closesAt"] = "2030-07-29T17:30", ["state"] = "open",
        });
        create.StatusCode.Should().Be(HttpStatusCode.Redirect);
        create.Headers.Location!.OriginalString.Should().Be("/admin/challenges");
        var list = (await admin.GetPageAsync("/admin/challenges")).Html;
        list.Should().Contain("nhsuk-notification-banner--success").And.Contain("Created &#x201C;Summer ideas&#x201D;.");
        var row = Row(list, "summer-ideas");
        row.Should().Contain("1 Jul 2030, 09:00").And.Contain("29 Jul 2030, 17:30").And.Contain("(opens by itself)");

        var stored = (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/challenges")).EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "summer-ideas");
        stored.GetProperty("opensAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2030, 7, 1, 8, 0, 0, TimeSpan.Zero));
        stored.GetProperty("closesAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2030, 7, 29, 16, 30, 0, TimeSpan.Zero));

        using var visitor = _app.Visit("alpha.test");
        (await visitor.GetPageAsync("/challenges/summer-ideas")).Status.Should().Be(HttpStatusCode.NotFound, "not open yet");
        Clock.SetUtcNow(new DateTimeOffset(2030, 7, 1, 8, 1, 0, TimeSpan.Zero));
        (await visitor.GetPageAsync("/challenges/summer-ideas")).Html.Should().NotContain("This challenge is closed");
        Clock.SetUtcNow(new DateTimeOffset(2030, 7, 29, 16, 31, 0, TimeSpan.Zero));
        (await visitor.GetPageAsync("/challenges/summer-ideas")).Html.Should().Contain("This challenge is closed", "closed is read-only with a notice");
        Clock.AdjustTime(DateTimeOffset.UtcNow); // back to today (SetUtcNow only moves forward)

        var edit = await admin.GetPageAsync("/admin/challenges/edit/summer-ideas");
        edit.Html.Should().MatchRegex("<input[^>]*id=\"opensAt\"[^>]*value=\"2030-07-01T09:00\"", "the form shows the stored time in London time")
            .And.NotContain("id=\"slug\"", "the address cannot change");
        var save = await Submit(admin, "/admin/challenges/edit/summer-ideas", "/admin/challenges/edit/summer-ideas", new()
        {
            ["title"] = "Summer ideas, renamed", ["description"] = "Edited.", ["opensAt"] = "2030-12-01T09:00", ["closesAt"] = "", ["state"] = "draft",
        });
        save.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var edited = (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/challenges")).EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "summer-ideas");
        edited.GetProperty("title").GetString().Should().Be("Summer ideas, renamed");
        edited.GetProperty("opensAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2030, 12, 1, 9, 0, 0, TimeSpan.Zero), "December is GMT");
        edited.GetProperty("closesAt").ValueKind.Should().Be(JsonValueKind.Null);
        edited.GetProperty("state").GetString().Should().Be("draft");

        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit")).EnumerateArray().Select(e => e.GetProperty("action").GetString())
            .Should().Contain(["challenge.created", "challenge.updated"]);
    }

    [Fact]
    public async Task Bad_input_shows_the_error_against_its_field_and_keeps_what_was_typed()
    {
        var (admin, _) = await _app.MemberAsync("alpha.test", Roles.Admin);
        async Task<string> Refused(Dictionary<string, string> fields, string field, string message)
        {
            var response = await Submit(admin, "/admin/challenges/edit", "/admin/challenges/edit", fields);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var html = await response.Content.ReadAsStringAsync();
            html.Should().Contain("<title>Error: ").And.Contain($"href=\"#{field}\"").And.Contain(message).And.Contain("class=\"nhsuk-error-message\"");
            return html;
        }
        var good = new Dictionary<string, string> { ["slug"] = "a-new-one", ["title"] = "A new one", ["description"] = "", ["opensAt"] = "", ["closesAt"] = "", ["state"] = "open" };

        (await Refused(new(good) { ["slug"] = "Bad Slug" }, "slug", "lower-case letters")).Should().Contain("value=\"Bad Slug\"");
        await Refused(new(good) { ["title"] = "" }, "title", "Title");
        await Refused(new(good) { ["opensAt"] = "next tuesday" }, "opensAt", "Enter a date and time");
        // The clocks go forward at 01:00 on the last Sunday of March: 01:30 never happens in London.
        await Refused(new(good) { ["opensAt"] = "2030-03-31T01:30" }, "opensAt", "does not exist in London time");
        await Refused(new(good) { ["opensAt"] = "2030-05-02T09:00", ["closesAt"] = "2030-05-01T09:00" }, "closesAt", "after the opening time");
        await Refused(new(good) { ["slug"] = "waiting-well" }, "slug", "already exists");
        await Refused(new(good) { ["state"] = "famous" }, "state-draft", "Choose whether");
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/challenges")).EnumerateArray().Should().NotContain(c => c.GetProperty("slug").GetString() == "a-new-one", "nothing was stored");
        (await admin.GetPageAsync("/admin/challenges/edit/no-such-challenge")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_reorders_and_archives_challenges_through_the_list_and_moderators_cannot()
    {
        var (admin, _) = await _app.MemberAsync("alpha.test", Roles.Admin, "Ada Admin");
        var before = Slugs((await admin.GetPageAsync("/admin/challenges")).Html);
        before.Should().HaveCount(3);

        var move = await Submit(admin, "/admin/challenges", "/admin/challenges?handler=Move", new() { ["slug"] = before[1], ["direction"] = "up" });
        move.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = (await admin.GetPageAsync("/admin/challenges")).Html;
        Slugs(after).Should().Equal(before[1], before[0], before[2]);
        after.Should().Contain("Moved").And.NotContain($"id=\"move-up-{before[1]}\"", "the first one cannot move up");
        var top = await Submit(admin, "/admin/challenges", "/admin/challenges?handler=Move", new() { ["slug"] = before[1], ["direction"] = "up" });
        top.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var visitor = _app.Visit("alpha.test");
        (await visitor.GetPageAsync("/challenges/waiting-well")).Status.Should().Be(HttpStatusCode.OK);
        var archive = await Submit(admin, "/admin/challenges", "/admin/challenges?handler=Archive", new() { ["slug"] = "waiting-well" });
        archive.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Row((await admin.GetPageAsync("/admin/challenges")).Html, "waiting-well").Should().Contain("Archived").And.NotContain("handler=Archive");
        (await visitor.GetPageAsync("/challenges/waiting-well")).Status.Should().Be(HttpStatusCode.NotFound);
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit")).EnumerateArray().Select(e => e.GetProperty("action").GetString())
            .Should().Contain(["challenge.reordered", "challenge.archived"]);

        var (moderator, _) = await _app.MemberAsync("alpha.test", Roles.Moderator);
        (await moderator.GetPageAsync("/admin/challenges")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await moderator.GetPageAsync("/admin")).Html.Should().NotContain("/admin/challenges");
        (await admin.GetPageAsync("/admin")).Html.Should().Contain("href=\"/admin/challenges\"");
        (await moderator.Http.PostAsync("/admin/challenges?handler=Archive", new FormUrlEncodedContent(new Dictionary<string, string> { ["slug"] = "last-year" })))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static List<string> Slugs(string html) =>
        Regex.Matches(html, "<tr class=\"nhsuk-table__row\" id=\"challenge-([a-z0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();

    private static string Row(string html, string slug)
    {
        var start = html.IndexOf($"id=\"challenge-{slug}\"", StringComparison.Ordinal);
        start.Should().BePositive($"the list should show {slug}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
