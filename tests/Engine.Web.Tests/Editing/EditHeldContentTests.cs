using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Editing;

/// <summary>Moderators edit personal data out of held posts, then publish them; the text as written stays with staff, and the change is audited.</summary>
public sealed class EditHeldContentTests(EditingApp app) : IClassFixture<EditingApp>
{
    private const string Phone = "07700 900456";

    [Fact]
    public async Task A_moderator_edits_the_phone_number_out_of_a_held_idea_and_publishes_it_and_the_audit_keeps_before_and_after()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (moderator, _) = await app.MemberAsync("edits.test", Roles.Moderator, "Mo Derator");
        var idea = await HeldIdeaAsync(author, "Call-backs from the fracture clinic", $"They could ring me on {Phone} instead of writing.");

        var edited = await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{idea}/edit-and-publish",
            new { title = "Call-backs from the fracture clinic", body = "They could ring instead of writing." });
        edited.StatusCode.Should().Be(HttpStatusCode.NoContent, await edited.Content.ReadAsStringAsync());

        using var visitor = app.Visit("edits.test");
        var shown = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        shown.GetProperty("body").GetString().Should().Be("They could ring instead of writing.");
        shown.GetProperty("editedAt").ValueKind.Should().Be(JsonValueKind.Null, "the public never saw the text it replaced");
        (await visitor.GetPageAsync($"/ideas/{idea}")).Html.Should().NotContain("900456");

        var versions = await moderator.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/moderation/ideas/{idea}/versions");
        versions.EnumerateArray().Select(v => v.GetProperty("body").GetString()).Should()
            .Equal($"They could ring me on {Phone} instead of writing.", "They could ring instead of writing.");
        var (admin, _) = await app.MemberAsync("edits.test", Roles.Admin);
        var log = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=content.edited");
        log.EnumerateArray().Should().Contain(e => e.GetProperty("subject").GetString() == $"idea {idea}" && e.GetProperty("actorName").GetString() == "Mo Derator"
            && e.GetProperty("detail").GetString() == $"before: “Call-backs from the fracture clinic”, “They could ring me on {Phone} instead of writing.”; "
                + "after: “Call-backs from the fracture clinic”, “They could ring instead of writing.”");
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=content.approved")).EnumerateArray()
            .Should().Contain(e => e.GetProperty("subject").GetString() == $"idea {idea}");
    }

    [Fact]
    public async Task Only_held_content_is_edited_this_way_only_by_moderators_and_a_refused_edit_names_its_field()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (moderator, _) = await app.MemberAsync("edits.test", Roles.Moderator);
        var published = await author.PostIdeaAsync(title: "A published idea moderators leave alone");
        var held = await HeldIdeaAsync(author, "A held idea with a number", $"Ring {Phone}");

        var notHeld = await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{published}/edit-and-publish", new { title = "Changed by a moderator", body = "Changed" });
        notHeld.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Visitor.ProblemAsync(notHeld)).GetProperty("detail").GetString().Should().Contain("only held content can be edited");
        (await author.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{held}/edit-and-publish", new { title = "Changed by its author", body = "Changed" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var empty = await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{held}/edit-and-publish", new { title = "A held idea with a number", body = " " });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(empty)).GetProperty("errors").TryGetProperty("body", out _).Should().BeTrue();
        (await moderator.Http.PostAsJsonAsync("api/v1/admin/moderation/ideas/999999/edit-and-publish", new { title = "No such idea at all", body = "Changed" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await author.Http.GetAsync($"api/v1/ideas/{held}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing refused was published");
    }

    [Fact]
    public async Task On_the_moderation_page_the_form_starts_from_the_masked_text_and_publishes_a_held_comment()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (moderator, _) = await app.MemberAsync("edits.test", Roles.Moderator);
        var idea = await author.PostIdeaAsync(title: "An idea with a held comment");
        var posted = await author.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = $"Text me on {Phone} for the details" });
        posted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var comment = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var (_, page) = await moderator.GetPageAsync("/admin/moderation");
        page.Should().Contain("Edit out personal data, then publish").And.Contain($"id=\"edit-body-comment-{comment}\"")
            .And.Contain("Text me on [number hidden] for the details").And.NotContain("900456");

        var refused = await moderator.SubmitAsync("/admin/moderation", "/admin/moderation?handler=Edit",
            new() { ["kind"] = "comment", ["id"] = $"{comment}", ["body"] = "" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain($"id=\"edit-body-comment-{comment}-error\"");

        var published = await moderator.SubmitAsync("/admin/moderation", "/admin/moderation?handler=Edit",
            new() { ["kind"] = "comment", ["id"] = $"{comment}", ["body"] = "Text me for the details" });
        published.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var shown = await author.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        shown.GetProperty("commentCount").GetInt32().Should().Be(1);
        shown.GetProperty("comments")[0].GetProperty("body").GetString().Should().Be("Text me for the details");
    }

    private static async Task<long> HeldIdeaAsync(Visitor author, string title, string body)
    {
        var response = await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title, body, anonymous = false });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, "the personal-data rule holds it");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
