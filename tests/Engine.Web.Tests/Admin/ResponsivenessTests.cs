using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Admin;

/// <summary>"Every comment is read and responded to": official responses, the unanswered view, assignment, status along the roadmap.</summary>
public class ResponsivenessTests(EngineApp app) : IClassFixture<EngineApp>
{
    private Task<(Visitor Visitor, long Id)> With(string role, string name) => app.MemberAsync("alpha.test", role, name);

    [Fact]
    public async Task A_champions_official_reply_is_marked_on_the_site_and_answers_the_comment()
    {
        var (member, _) = await With(Roles.Member, "Curious Member");
        var (champion, _) = await With(Roles.Champion, "Chris Champion");
        var idea = await member.PostIdeaAsync(title: "An idea waiting for the team");
        var comment = await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Will anyone answer this?", anonymous = false });
        var commentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var unanswered = await champion.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/unanswered");
        unanswered.EnumerateArray().Should().Contain(u => u.GetProperty("kind").GetString() == "idea" && u.GetProperty("id").GetInt64() == idea);
        unanswered.EnumerateArray().Should().Contain(u => u.GetProperty("kind").GetString() == "comment" && u.GetProperty("id").GetInt64() == commentId);

        (await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "I am official now", anonymous = false, official = true }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the team can post an official response");

        var reply = await champion.SubmitAsync($"/ideas/{idea}", $"/ideas/{idea}/comments",
            new() { ["body"] = "Thank you: we are looking into this.", ["parentId"] = commentId.ToString(), ["official"] = "true" });
        reply.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await member.GetPageAsync($"/ideas/{idea}")).Html.Should().Contain("Official response").And.Contain("Thank you: we are looking into this.");
        (await member.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")).GetProperty("comments").EnumerateArray()
            .Should().Contain(c => c.GetProperty("official").GetBoolean());

        var after = await champion.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/unanswered");
        after.EnumerateArray().Should().NotContain(u => u.GetProperty("kind").GetString() == "comment" && u.GetProperty("id").GetInt64() == commentId);
        after.EnumerateArray().Should().Contain(u => u.GetProperty("kind").GetString() == "idea" && u.GetProperty("id").GetInt64() == idea,
            "a reply to a comment does not answer the idea itself");

        var times = await champion.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/response-times");
        var waiting = times.EnumerateArray().Single(t => t.GetProperty("challengeSlug").GetString() == "waiting-well");
        waiting.GetProperty("answered").GetInt32().Should().BeGreaterThan(0);
        waiting.GetProperty("medianHours").ValueKind.Should().Be(JsonValueKind.Number);
    }

    [Fact]
    public async Task An_official_response_cannot_be_anonymous_and_members_cannot_see_the_team_views()
    {
        var (member, _) = await With(Roles.Member, "Plain Member");
        var (manager, _) = await With(Roles.CommunityManager, "Cara Manager");
        var idea = await member.PostIdeaAsync();
        (await manager.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Hidden team", anonymous = true, official = true }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await member.Http.GetAsync("api/v1/admin/unanswered")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await member.Http.GetAsync("api/v1/admin/response-times")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_community_manager_moves_an_idea_along_the_roadmap_with_a_public_note()
    {
        var (member, _) = await With(Roles.Member, "Idea Author");
        var (manager, _) = await With(Roles.CommunityManager, "Cara Manager");
        var idea = await member.PostIdeaAsync(title: "Shortlist me please");

        (await member.Http.PutAsJsonAsync($"api/v1/admin/ideas/{idea}/status", new { status = "shortlisted" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var bad = await manager.Http.PutAsJsonAsync($"api/v1/admin/ideas/{idea}/status", new { status = "famous" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(bad)).GetProperty("detail").GetString().Should().Contain("under-review").And.Contain("scale-and-spread");

        (await manager.Http.PutAsJsonAsync($"api/v1/admin/ideas/{idea}/status", new { status = "shortlisted", note = "Chosen as one of six big ideas for prototyping." }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var page = (await member.GetPageAsync($"/ideas/{idea}")).Html;
        page.Should().Contain("Shortlisted as a big idea").And.Contain("Chosen as one of six big ideas for prototyping.");
        (await member.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")).GetProperty("status").GetString().Should().Be("shortlisted");

        (await manager.Http.PutAsJsonAsync($"api/v1/admin/ideas/{idea}/status", new { status = "under-review" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.GetPageAsync($"/ideas/{idea}")).Html.Should().Contain("Under review");
    }

    [Fact]
    public async Task Contributions_are_assigned_only_to_the_team_and_the_assignment_shows_in_the_unanswered_view()
    {
        var (member, memberId) = await With(Roles.Member, "Not Team");
        var (manager, _) = await With(Roles.CommunityManager, "Cara Manager");
        var (_, championId) = await With(Roles.Champion, "Assigned Champion");
        var idea = await member.PostIdeaAsync(title: "Needs an owner");

        (await manager.Http.PutAsJsonAsync($"api/v1/admin/ideas/{idea}/assign", new { memberId })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await manager.Http.PutAsJsonAsync($"api/v1/admin/ideas/{idea}/assign", new { memberId = championId })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var unanswered = await manager.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/unanswered");
        unanswered.EnumerateArray().Single(u => u.GetProperty("kind").GetString() == "idea" && u.GetProperty("id").GetInt64() == idea)
            .GetProperty("assignedName").GetString().Should().Be("Assigned Champion");
    }
}
