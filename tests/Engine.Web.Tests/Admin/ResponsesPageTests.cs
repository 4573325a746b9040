using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Web.Tests.Admin;

/// <summary>The team's Responses page and the idea status page: what waits for an answer, who answers it, how quickly, and where an idea stands.</summary>
public class ResponsesPageTests(ResponsesPageTests.App app) : IClassFixture<ResponsesPageTests.App>
{
    public sealed class App : EngineApp
    {
        // Its own tenant, so the unanswered list holds only what these tests post.
        public App() => WriteTenant("answers", Tenant("answers", "Answers site", ["answers.test"], anonymous: true, downVotes: true));
    }

    private Task<(Visitor Visitor, long Id)> With(string role, string name) => app.MemberAsync("answers.test", role, name);

    [Fact]
    public async Task The_team_sees_what_has_no_reply_filters_it_and_a_manager_assigns_it_through_the_page()
    {
        var (member, _) = await With(Roles.Member, "Curious Member");
        var (manager, _) = await With(Roles.CommunityManager, "Cara Manager");
        var (champion, championId) = await With(Roles.Champion, "Chris Champion");
        var waiting = await member.PostIdeaAsync(title: "Waiting well idea without a reply");

        var (status, html) = await champion.GetPageAsync("/admin/responses");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain($"id=\"idea-{waiting}\"").And.Contain("Waiting well idea without a reply").And.Contain("Nobody yet");
        html.Should().Contain($"href=\"/ideas/{waiting}#comments-heading\"", "a link to answer it on the site");
        html.Should().NotContain("handler=Assign", "champions answer; community managers assign");
        (await champion.GetPageAsync("/admin")).Html.Should().MatchRegex("id=\"unanswered-count\">[1-9]").And.NotContain("held-count", "the moderation figures are for moderators");

        var assign = await ModerationActionsTests.Submit(manager, "/admin/responses", "/admin/responses?handler=Assign",
            new() { ["kind"] = "idea", ["id"] = $"{waiting}", ["memberId"] = $"{championId}" });
        assign.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await manager.GetPageAsync(assign.Headers.Location!.OriginalString)).Html.Should().Contain($"Assigned idea {waiting} to Chris Champion.");

        var mine = (await champion.GetPageAsync($"/admin/responses?assignee={championId}")).Html;
        mine.Should().Contain($"id=\"idea-{waiting}\"").And.Contain("Chris Champion");
        (await champion.GetPageAsync("/admin/responses?assignee=none")).Html.Should().NotContain($"id=\"idea-{waiting}\"");
        (await champion.GetPageAsync("/admin/responses?challenge=last-year")).Html.Should().NotContain($"id=\"idea-{waiting}\"")
            .And.Contain("Nothing matching these filters");
        (await champion.GetPageAsync("/admin/responses?challenge=waiting-well")).Html.Should().Contain($"id=\"idea-{waiting}\"")
            .And.Contain("<option value=\"waiting-well\" selected=\"selected\">");

        var notTeam = await ModerationActionsTests.Submit(manager, "/admin/responses", "/admin/responses?handler=Assign",
            new() { ["kind"] = "idea", ["id"] = $"{waiting}", ["memberId"] = "999999" });
        notTeam.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await notTeam.Content.ReadAsStringAsync();
        error.Should().Contain($"href=\"#assign-idea-{waiting}\"").And.Contain("Assign to a champion");

        var byChampion = await ModerationActionsTests.Submit(champion, "/admin/responses", "/admin/responses?handler=Assign",
            new() { ["kind"] = "idea", ["id"] = $"{waiting}", ["memberId"] = "" });
        byChampion.StatusCode.Should().Be(HttpStatusCode.Forbidden, "hiding the form is not what stops them");

        var (admin, _) = await With(Roles.Admin, "Audrey Admin");
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=content.assigned")).EnumerateArray()
            .Should().Contain(e => e.GetProperty("subject").GetString() == $"idea {waiting}" && e.GetProperty("detail").GetString() == $"member {championId}");
        member.Dispose();
    }

    /// <summary>A challenge of its own (so its response-time figures are only this test's), open for a week from yesterday.</summary>
    private async Task<(Visitor Admin, string Slug, DateTimeOffset Opens)> ChallengeAsync()
    {
        var (admin, _) = await With(Roles.Admin, "Ada Admin");
        var slug = $"c-{Guid.NewGuid():N}"[..20];
        var opens = DateTimeOffset.UtcNow.AddDays(-1);
        (await admin.Http.PostAsJsonAsync("api/v1/admin/challenges", new { slug, title = "Discharge", description = "Home sooner", opensAt = opens, closesAt = opens.AddDays(7) }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        return (admin, slug, opens);
    }

    private static async Task<JsonElement> UnansweredAsync(Visitor team) => await team.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/unanswered");

    private static bool Lists(JsonElement unanswered, string kind, long id) =>
        unanswered.EnumerateArray().Any(u => u.GetProperty("kind").GetString() == kind && u.GetProperty("id").GetInt64() == id);

    private static async Task<JsonElement> TimesAsync(Visitor team, string slug) =>
        (await team.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/response-times")).EnumerateArray().Single(t => t.GetProperty("challengeSlug").GetString() == slug);

    [Fact]
    public async Task After_a_challenge_closes_the_team_still_answers_officially_and_sets_statuses_while_members_cannot_post()
    {
        var (admin, slug, opens) = await ChallengeAsync();
        var (member, _) = await With(Roles.Member, "Late Member");
        var (champion, _) = await With(Roles.Champion, "Chris Champion");
        var (manager, _) = await With(Roles.CommunityManager, "Cara Manager");
        var idea = await member.PostIdeaAsync(title: "Posted before the close", challenge: slug);
        var comment = await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Still waiting for an answer." });
        comment.StatusCode.Should().Be(HttpStatusCode.Created);
        var commentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await admin.Http.PutAsJsonAsync($"api/v1/admin/challenges/{slug}", new { title = "Discharge", description = "Home sooner", opensAt = opens, closesAt = DateTimeOffset.UtcNow.AddMinutes(-1) }))
            .EnsureSuccessStatusCode();

        (await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "One more thought" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "the challenge is read-only for members");
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await champion.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "An ordinary comment from the team" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the official response is still taken");

        var (_, waiting) = await champion.GetPageAsync("/admin/responses");
        waiting.Should().Contain($"id=\"idea-{idea}\"").And.Contain($"id=\"comment-{commentId}\"");

        var answer = await champion.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Thank you: this goes to the board in January.", official = true });
        answer.StatusCode.Should().Be(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        (await member.GetPageAsync($"/ideas/{idea}")).Html.Should().NotContain("class=\"answer-form\"", "members cannot post any more");
        (await champion.GetPageAsync($"/ideas/{idea}")).Html.Should().Contain("class=\"answer-form\"").And.Contain($"name=\"parentId\" value=\"{commentId}\"",
            "the Responses page's link to answer on the site leads to a form the team can use");
        var reply = await champion.SubmitAsync($"/ideas/{idea}", $"/ideas/{idea}/comments",
            new() { ["body"] = "We have passed this on.", ["parentId"] = $"{commentId}", ["official"] = "true" });
        reply.StatusCode.Should().Be(HttpStatusCode.Redirect, "the form on the site takes it too");
        (await manager.Http.PutAsJsonAsync($"api/v1/admin/ideas/{idea}/status", new { status = "under-review", note = "Read after the close." }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var unanswered = await UnansweredAsync(champion);
        Lists(unanswered, "idea", idea).Should().BeFalse("it has its official response");
        Lists(unanswered, "comment", commentId).Should().BeFalse("it has its official reply");
        var (_, html) = await champion.GetPageAsync("/admin/responses");
        html.Should().NotContain($"id=\"idea-{idea}\"").And.NotContain($"id=\"comment-{commentId}\"");
        var times = await TimesAsync(champion, slug);
        times.GetProperty("answered").GetInt32().Should().Be(2);
        times.GetProperty("waiting").GetInt32().Should().Be(0);
        var shown = (await member.GetPageAsync($"/ideas/{idea}")).Html;
        shown.Should().Contain("Official response").And.Contain("this goes to the board in January").And.Contain("Read after the close.");
        member.Dispose();
    }

    [Fact]
    public async Task A_merged_duplicate_and_its_comments_leave_the_unanswered_queue_and_the_waiting_figure()
    {
        var (admin, slug, _) = await ChallengeAsync();
        var (member, _) = await With(Roles.Member, "Double Poster");
        var kept = await member.PostIdeaAsync(title: "Free parking for carers", challenge: slug);
        var duplicate = await member.PostIdeaAsync(title: "Carers should park free", challenge: slug);
        var comment = await member.Http.PostAsJsonAsync($"api/v1/ideas/{duplicate}/comments", new { body = "Me too." });
        comment.StatusCode.Should().Be(HttpStatusCode.Created);
        var commentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await TimesAsync(admin, slug)).GetProperty("waiting").GetInt32().Should().Be(3);

        (await admin.Http.PostAsJsonAsync($"api/v1/admin/ideas/{duplicate}/merge", new { into = kept })).EnsureSuccessStatusCode();

        var unanswered = await UnansweredAsync(admin);
        Lists(unanswered, "idea", kept).Should().BeTrue();
        Lists(unanswered, "idea", duplicate).Should().BeFalse("the duplicate is answered where it went, on the kept idea");
        Lists(unanswered, "comment", commentId).Should().BeFalse("a merged idea takes no more comments, official ones included");
        var (_, html) = await admin.GetPageAsync($"/admin/responses?challenge={slug}");
        html.Should().Contain($"id=\"idea-{kept}\"").And.NotContain($"id=\"idea-{duplicate}\"").And.NotContain($"id=\"comment-{commentId}\"");
        (await TimesAsync(admin, slug)).GetProperty("waiting").GetInt32().Should().Be(1, "only the kept idea still waits");

        (await admin.Http.PostAsJsonAsync($"api/v1/admin/ideas/{duplicate}/unmerge", new { })).EnsureSuccessStatusCode();
        Lists(await UnansweredAsync(admin), "idea", duplicate).Should().BeTrue("undoing the merge puts it back in the queue");
        member.Dispose();
    }

    [Fact]
    public async Task The_page_shows_the_median_and_90th_percentile_response_time_per_challenge()
    {
        var (member, _) = await With(Roles.Member, "Asking Member");
        var (champion, _) = await With(Roles.Champion, "Chris Champion");
        var idea = await member.PostIdeaAsync(title: "Answered quickly");
        var reply = await champion.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Thanks, we are on it.", anonymous = false, official = true });
        reply.StatusCode.Should().Be(HttpStatusCode.Created);

        var html = (await champion.GetPageAsync("/admin/responses")).Html;
        html.Should().NotContain($"id=\"idea-{idea}\"", "it has its answer");
        var row = Regex.Match(html, "<tr class=\"nhsuk-table__row\" data-challenge=\"waiting-well\">.*?</tr>", RegexOptions.Singleline).Value;
        row.Should().Contain("Waiting well").And.Contain("min").And.MatchRegex("data-median=\"[0-9.]+\"").And.MatchRegex("data-p90=\"[0-9.]+\"");
        var api = (await champion.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/response-times")).EnumerateArray().Single(t => t.GetProperty("challengeSlug").GetString() == "waiting-well");
        row.Should().Contain($"data-median=\"{api.GetProperty("medianHours").GetDouble().ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}\"",
            "the page shows the same figure as the API");
    }

    [Fact]
    public async Task A_manager_changes_an_ideas_status_with_a_public_note_through_the_page_and_it_shows_on_the_idea()
    {
        var (member, _) = await With(Roles.Member, "Idea Author");
        var (manager, _) = await With(Roles.CommunityManager, "Cara Manager");
        var idea = await member.PostIdeaAsync(title: "Make me a big idea");
        var page = $"/admin/ideas/{idea}/status";

        var ideas = (await manager.GetPageAsync("/admin/ideas?challenge=waiting-well")).Html;
        Regex.Match(ideas, $"<tr class=\"nhsuk-table__row\" id=\"idea-{idea}\">.*?</tr>", RegexOptions.Singleline).Value
            .Should().Contain("Submitted").And.Contain($"href=\"{page}\"", "the ideas list is how a manager reaches any idea's status");
        (await manager.GetPageAsync("/admin")).Html.Should().Contain("href=\"/admin/ideas\"");

        var (status, html) = await manager.GetPageAsync(page);
        status.Should().Be(HttpStatusCode.OK);
        html.Should().MatchRegex("<input[^>]*id=\"status-submitted\"[^>]*checked=\"checked\"").And.Contain("for=\"status-scale-and-spread\"");

        var bad = await ModerationActionsTests.Submit(manager, page, page, new() { ["status"] = "famous", ["note"] = "Typed and kept" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await bad.Content.ReadAsStringAsync();
        error.Should().Contain("<title>Error: ").And.Contain("href=\"#status-submitted\"").And.Contain("Status must be one of").And.Contain(">Typed and kept</textarea>");

        var tooLong = await ModerationActionsTests.Submit(manager, page, page, new() { ["status"] = "shortlisted", ["note"] = new string('x', 1001) });
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadAsStringAsync()).Should().Contain("href=\"#note\"").And.Contain("1000 characters");

        var save = await ModerationActionsTests.Submit(manager, page, page, new() { ["status"] = "shortlisted", ["note"] = "Chosen as one of six big ideas." });
        save.StatusCode.Should().Be(HttpStatusCode.Redirect);
        save.Headers.Location!.OriginalString.Should().Be(page);
        (await manager.GetPageAsync(page)).Html.Should().Contain("Shortlisted as a big idea").And.MatchRegex("<input[^>]*id=\"status-shortlisted\"[^>]*checked=\"checked\"");

        using var visitor = app.Visit("answers.test");
        var shown = (await visitor.GetPageAsync($"/ideas/{idea}")).Html;
        shown.Should().Contain("Shortlisted as a big idea").And.Contain("Chosen as one of six big ideas.");
        (await manager.GetPageAsync("/admin/ideas?challenge=waiting-well")).Html.Should().Contain("Shortlisted as a big idea");
        (await manager.GetPageAsync("/admin/ideas/999999/status")).Status.Should().Be(HttpStatusCode.NotFound);
    }
}
