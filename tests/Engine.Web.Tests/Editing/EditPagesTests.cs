using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Editing;

/// <summary>Editing and withdrawing on the site, with plain forms and no script.</summary>
public sealed class EditPagesTests(EditingApp app) : IClassFixture<EditingApp>
{
    [Fact]
    public async Task An_author_edits_their_idea_with_the_form_and_the_page_shows_it_edited()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: "A bench by the bus stop", body: "People wait a long time.");
        var (_, page) = await author.GetPageAsync($"/ideas/{idea}");
        page.Should().Contain($"href=\"/ideas/{idea}/edit\"").And.NotContain("class=\"edited\"");

        var (status, form) = await author.GetPageAsync($"/ideas/{idea}/edit");
        status.Should().Be(HttpStatusCode.OK);
        form.Should().Contain("value=\"A bench by the bus stop\"").And.Contain(">People wait a long time.</textarea>")
            .And.Contain("until someone votes on it or answers it");
        var saved = await author.SubmitAsync($"/ideas/{idea}/edit", $"/ideas/{idea}/edit",
            new() { ["title"] = "A covered bench by the bus stop", ["body"] = "People wait a long time in the rain." });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        saved.Headers.Location!.ToString().Should().Be($"/ideas/{idea}");

        using var visitor = app.Visit("edits.test");
        var (_, shown) = await visitor.GetPageAsync($"/ideas/{idea}");
        shown.Should().Contain("A covered bench by the bus stop").And.Contain("class=\"edited\"").And.Contain("Edited ")
            .And.NotContain($"/ideas/{idea}/edit", "only the author is offered the edit form");
    }

    [Fact]
    public async Task A_refused_edit_shows_the_form_again_with_what_was_typed_and_the_error_beside_its_field()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync();
        var refused = await author.SubmitAsync($"/ideas/{idea}/edit", $"/ideas/{idea}/edit",
            new() { ["title"] = "No", ["body"] = "A body worth keeping, typed with care." });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await refused.Content.ReadAsStringAsync();
        html.Should().Contain("id=\"title-error\"").And.Contain("href=\"#title\"").And.Contain(">A body worth keeping, typed with care.</textarea>")
            .And.Contain("value=\"No\"");

        // A window that closed while they typed: nothing typed is lost either.
        var (voter, _) = await app.MemberAsync("edits.test", Roles.Member);
        (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        var late = await author.SubmitAsync($"/ideas/{idea}", $"/ideas/{idea}/edit",
            new() { ["title"] = "A title typed too late", ["body"] = "Words typed too late." });
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await late.Content.ReadAsStringAsync()).Should().Contain("someone has").And.Contain(">Words typed too late.</textarea>").And.Contain("value=\"A title typed too late\"");
        (await author.GetPageAsync($"/ideas/{idea}/edit")).Status.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_author_edits_their_comment_with_the_form_and_nobody_else_can()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (other, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await other.PostIdeaAsync();
        var comment = await EditingApiTests.CommentAsync(author, idea, "Helpful, but with a tpyo");

        var (_, page) = await author.GetPageAsync($"/ideas/{idea}");
        page.Should().Contain($"href=\"/comments/{comment}/edit\"");
        (await other.GetPageAsync($"/ideas/{idea}")).Html.Should().NotContain($"/comments/{comment}/edit");
        (await other.GetPageAsync($"/comments/{comment}/edit")).Status.Should().Be(HttpStatusCode.Conflict);

        var saved = await author.SubmitAsync($"/comments/{comment}/edit", $"/comments/{comment}/edit", new() { ["body"] = "Helpful, and spelt right" });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        saved.Headers.Location!.ToString().Should().Be($"/ideas/{idea}#comment-{comment}");
        var (_, shown) = await other.GetPageAsync($"/ideas/{idea}");
        shown.Should().Contain("Helpful, and spelt right").And.NotContain("tpyo").And.Contain("class=\"edited\"");
    }

    [Fact]
    public async Task A_held_edit_says_it_waits_for_a_moderator()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync();
        var held = await author.SubmitAsync($"/ideas/{idea}/edit", $"/ideas/{idea}/edit",
            new() { ["title"] = "Text patients their waiting-list position", ["body"] = "Email me at pat@example.com about it." });
        held.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await held.Content.ReadAsStringAsync()).Should().Contain("Your changes will appear once a moderator has checked them");
    }

    [Fact]
    public async Task An_author_withdraws_their_idea_with_the_form_and_its_page_says_so()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: "An idea I thought better of");
        var withdrawn = await author.SubmitAsync($"/ideas/{idea}", $"/ideas/{idea}/withdraw", []);
        withdrawn.StatusCode.Should().Be(HttpStatusCode.OK);
        (await withdrawn.Content.ReadAsStringAsync()).Should().Contain("Your idea has been withdrawn");

        using var visitor = app.Visit("edits.test");
        var (status, page) = await visitor.GetPageAsync($"/ideas/{idea}");
        status.Should().Be(HttpStatusCode.Gone);
        page.Should().Contain("withdrawn by its author").And.NotContain("An idea I thought better of");
        (await visitor.GetPageAsync("/challenges/waiting-well")).Html.Should().NotContain("An idea I thought better of");
    }

    [Fact]
    public async Task The_edit_form_and_the_authors_links_are_in_Welsh_for_a_Welsh_reader()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync();
        var (status, form) = await author.GetPageAsync($"/ideas/{idea}/edit?lang=cy");
        status.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(form).Should().Contain("Golygu eich syniad").And.Contain("Cadw'r newidiadau").And.NotContain("Save changes");
        WebUtility.HtmlDecode((await author.GetPageAsync($"/ideas/{idea}?lang=cy")).Html).Should().Contain("Tynnu eich syniad yn ôl");
    }
}
