using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Editing;

/// <summary>Members edit their own ideas and comments through the API: who may, when, what the rules make of it, and what others then see.</summary>
public sealed class EditingApiTests(EditingApp app) : IClassFixture<EditingApp>
{
    private const string Phone = "07700 900123";

    [Fact]
    public async Task An_author_edits_their_idea_and_everyone_sees_the_new_text_marked_edited_in_search_and_similar_ideas_too()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member, "Ada Author");
        var idea = await author.PostIdeaAsync(title: "Longer clinic hours for the pharmacy", body: "Open the pharmacy until eight.");

        var edit = await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "Evening opening for the hospital pharmacy", body = "Open it until nine, marmalade." });
        edit.StatusCode.Should().Be(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        (await edit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moderation").GetString().Should().Be("published");

        using var visitor = app.Visit("edits.test");
        var shown = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        shown.GetProperty("title").GetString().Should().Be("Evening opening for the hospital pharmacy");
        shown.GetProperty("body").GetString().Should().Be("Open it until nine, marmalade.");
        shown.GetProperty("editedAt").ValueKind.Should().Be(JsonValueKind.String);
        var (_, page) = await visitor.GetPageAsync($"/ideas/{idea}");
        page.Should().Contain("Evening opening for the hospital pharmacy").And.Contain("class=\"edited\"").And.NotContain("Longer clinic hours");

        var found = await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/search?q=marmalade");
        found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().Equal(idea);
        found.GetProperty("items")[0].GetProperty("editedAt").ValueKind.Should().Be(JsonValueKind.String);
        (await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/search?q=eight")).GetProperty("items").GetArrayLength().Should().Be(0, "the old text is no longer found");
        var similar = await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/waiting-well/similar-ideas?title=evening%20pharmacy");
        similar.EnumerateArray().Select(i => i.GetProperty("title").GetString()).Should().Contain("Evening opening for the hospital pharmacy");
    }

    [Fact]
    public async Task Only_the_author_may_edit_and_a_visitor_must_sign_in()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (other, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync();
        var comment = await CommentAsync(author, idea, "A comment of my own");

        var theirs = await other.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "Not my idea at all", body = "Changed" });
        theirs.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Visitor.ProblemAsync(theirs)).GetProperty("detail").GetString().Should().Be("Only the author of this idea can edit it.");
        (await other.Http.PutAsJsonAsync($"api/v1/comments/{comment}", new { body = "Changed" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await other.Http.PostAsync($"api/v1/ideas/{idea}/withdraw", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var visitor = app.Visit("edits.test");
        (await visitor.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "Not my idea at all", body = "Changed" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await author.Http.PutAsJsonAsync("api/v1/ideas/999999", new { title = "No such idea here", body = "Changed" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await author.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")).GetProperty("title").GetString().Should().Be("Text patients their waiting-list position");
    }

    [Fact]
    public async Task A_refused_edit_names_the_field_at_fault_and_changes_nothing()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync();
        var comment = await CommentAsync(author, idea, "A comment of my own");

        var title = await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "Hi", body = "Changed" });
        title.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(title)).GetProperty("errors").TryGetProperty("title", out _).Should().BeTrue();
        var body = await author.Http.PutAsJsonAsync($"api/v1/comments/{comment}", new { body = "  " });
        body.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(body)).GetProperty("errors").TryGetProperty("body", out _).Should().BeTrue();
        (await author.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")).GetProperty("editedAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_default_window_closes_at_the_first_vote_or_comment_on_an_idea_and_the_first_reply_to_a_comment()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (other, _) = await app.MemberAsync("edits.test", Roles.Member);
        var voted = await author.PostIdeaAsync(title: "An idea someone votes on");
        var commented = await author.PostIdeaAsync(title: "An idea someone comments on");
        var comment = await CommentAsync(author, commented, "My own comment, later answered");

        (await author.Http.PutAsJsonAsync($"api/v1/ideas/{voted}", new { title = "An idea someone votes on, edited", body = "Fine so far" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await other.Http.PutAsJsonAsync($"api/v1/ideas/{voted}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        var late = await author.Http.PutAsJsonAsync($"api/v1/ideas/{voted}", new { title = "Too late for this edit", body = "Changed" });
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Visitor.ProblemAsync(late)).GetProperty("detail").GetString().Should().Be("Your idea could be edited until someone voted on it or commented on it, and someone has.");

        (await author.Http.PutAsJsonAsync($"api/v1/comments/{comment}", new { body = "My own comment, corrected" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await CommentAsync(other, commented, "An answer to the comment", parent: comment);
        (await author.Http.PutAsJsonAsync($"api/v1/ideas/{commented}", new { title = "Too late for this edit", body = "Changed" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var reply = await author.Http.PutAsJsonAsync($"api/v1/comments/{comment}", new { body = "Too late" });
        reply.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Visitor.ProblemAsync(reply)).GetProperty("detail").GetString().Should().Be("Your comment could be edited until someone replied to it, and someone has.");
        var thread = await other.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{commented}");
        thread.GetProperty("comments")[0].GetProperty("body").GetString().Should().Be("My own comment, corrected");
        thread.GetProperty("comments")[0].GetProperty("editedAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task A_site_with_editing_off_refuses_every_edit()
    {
        var (author, _) = await app.MemberAsync("off.test", Roles.Member);
        var idea = await author.PostIdeaAsync();
        var refused = await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "An edit nobody may make", body = "Changed" });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Be("This site does not let ideas or comments be edited.");
        var (_, page) = await author.GetPageAsync($"/ideas/{idea}");
        page.Should().NotContain($"/ideas/{idea}/edit").And.Contain($"/ideas/{idea}/withdraw", "withdrawing does not depend on the edit window");
    }

    [Fact]
    public async Task An_edit_the_rules_hold_takes_the_post_off_the_site_until_a_moderator_approves_it_and_moderators_see_every_version()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (moderator, _) = await app.MemberAsync("edits.test", Roles.Moderator, "Mo Derator");
        var idea = await author.PostIdeaAsync(title: "Call-back slots for the clinic", body: "Let people book a call-back.");

        var held = await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "Call-back slots for the clinic", body = $"Ring me on {Phone} about it." });
        held.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moderation").GetString().Should().Be("held");
        using var visitor = app.Visit("edits.test");
        (await visitor.Http.GetAsync($"api/v1/ideas/{idea}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a held edit is not public, nor is the text it replaced");

        var queue = await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/queue");
        queue.EnumerateArray().Should().Contain(q => q.GetProperty("kind").GetString() == "idea" && q.GetProperty("id").GetInt64() == idea);
        var versions = await moderator.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/moderation/ideas/{idea}/versions");
        versions.EnumerateArray().Select(v => (v.GetProperty("number").GetInt32(), v.GetProperty("body").GetString())).Should()
            .Equal((1, "Let people book a call-back."), (2, $"Ring me on {Phone} about it."));
        var (status, queuePage) = await moderator.GetPageAsync("/admin/moderation");
        status.Should().Be(HttpStatusCode.OK);
        queuePage.Should().Contain("Versions of the text").And.Contain("As posted").And.Contain("Let people book a call-back.")
            .And.NotContain(Phone, "the moderation page masks personal data in every version too");
        (await author.Http.GetAsync($"api/v1/admin/moderation/ideas/{idea}/versions")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a member is not a moderator");

        (await moderator.Http.PostAsync($"api/v1/admin/moderation/ideas/{idea}/approve", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var back = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        back.GetProperty("body").GetString().Should().Be($"Ring me on {Phone} about it.");

        var comment = await CommentAsync(author, idea, "Booking online would help too");
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")).GetProperty("commentCount").GetInt32().Should().Be(1);
        (await author.Http.PutAsJsonAsync($"api/v1/comments/{comment}", new { body = $"Or text {Phone}" })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var after = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        after.GetProperty("commentCount").GetInt32().Should().Be(0, "a held comment is not counted");
        after.GetProperty("comments").GetArrayLength().Should().Be(0);
        (await moderator.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/moderation/comments/{comment}/versions")).GetArrayLength().Should().Be(2);
    }

    [Theory]
    [InlineData("public.test")]
    [InlineData("fully.test")]
    public async Task Editing_an_anonymous_post_never_reveals_its_author(string host)
    {
        const string name = "Nurse Nameless";
        var email = TestEmail.Unique("nameless");
        using var author = app.Visit(host);
        await author.RegisterAsync(email, name);
        var (moderator, _) = await app.MemberAsync(host, Roles.Moderator, "Mo Derator");
        var idea = await author.PostIdeaAsync(title: "Quieter wards at night", body: "Dim the corridor lights.", anonymous: true);
        (await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "Quieter wards at night, please", body = "Dim the lights after ten." })).StatusCode.Should().Be(HttpStatusCode.OK);
        var comment = await CommentAsync(author, idea, "And softer doors", anonymous: true);
        (await author.Http.PutAsJsonAsync($"api/v1/comments/{comment}", new { body = "And soft-closing doors" })).StatusCode.Should().Be(HttpStatusCode.OK);

        using var visitor = app.Visit(host);
        var shown = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        shown.GetProperty("title").GetString().Should().Be("Quieter wards at night, please");
        shown.GetProperty("anonymous").GetBoolean().Should().BeTrue();
        shown.GetProperty("author").ValueKind.Should().Be(JsonValueKind.Null);
        shown.GetProperty("comments")[0].GetProperty("author").ValueKind.Should().Be(JsonValueKind.Null);
        var (_, page) = await visitor.GetPageAsync($"/ideas/{idea}");
        page.Should().Contain("class=\"edited\"").And.NotContain(name).And.NotContain($"/ideas/{idea}/edit");
        var (_, own) = await author.GetPageAsync($"/ideas/{idea}");
        own.Should().Contain($"/ideas/{idea}/withdraw", "the author alone is shown their own anonymous idea's links");

        // A held edit (of another anonymous idea: this one has a comment now) puts it before a moderator, still without a name.
        var second = await author.PostIdeaAsync(title: "Brighter signs to the wards", body: "Bigger letters.", anonymous: true);
        (await author.Http.PutAsJsonAsync($"api/v1/ideas/{second}", new { title = "Brighter signs to the wards", body = $"Call {Phone}" })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var queued = (await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/queue")).EnumerateArray()
            .Single(q => q.GetProperty("kind").GetString() == "idea" && q.GetProperty("id").GetInt64() == second);
        queued.ToString().Should().NotContain(name).And.NotContain(email);
        var versions = await moderator.Http.GetStringAsync($"api/v1/admin/moderation/ideas/{second}/versions");
        versions.Should().Contain("Bigger letters.").And.NotContain(name).And.NotContain(email);
        (await moderator.Http.GetStringAsync($"api/v1/admin/moderation/comments/{comment}/versions")).Should().Contain("And softer doors").And.NotContain(name);
        var (_, queuePage) = await moderator.GetPageAsync("/admin/moderation");
        queuePage.Should().Contain("Versions of the text").And.NotContain(name).And.NotContain(email);
    }

    [Fact]
    public async Task Parallel_edits_each_keep_their_version_and_the_idea_shows_the_last()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (moderator, _) = await app.MemberAsync("edits.test", Roles.Moderator);
        var idea = await author.PostIdeaAsync(title: "An idea edited many times at once");

        var answers = await Task.WhenAll(Enumerable.Range(1, 12).Select(n =>
            author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = $"Edit number {n} of many", body = $"Body {n}" })));
        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);

        var versions = (await moderator.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/moderation/ideas/{idea}/versions")).EnumerateArray().ToList();
        versions.Select(v => v.GetProperty("number").GetInt32()).Should().Equal(Enumerable.Range(1, 13));
        versions.Skip(1).Select(v => v.GetProperty("title").GetString()).Should().BeEquivalentTo(Enumerable.Range(1, 12).Select(n => $"Edit number {n} of many"));
        (await author.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")).GetProperty("title").GetString()
            .Should().Be(versions[^1].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Edits_racing_votes_are_each_taken_whole_before_the_first_vote_or_refused_after_it()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (moderator, _) = await app.MemberAsync("edits.test", Roles.Moderator);
        var voters = new List<Visitor>();
        for (var i = 0; i < 6; i++) voters.Add((await app.MemberAsync("edits.test", Roles.Member)).Visitor);
        var idea = await author.PostIdeaAsync(title: "An idea edited while people vote");

        // Started interleaved, an edit then a vote, so they reach the engine together.
        var edits = new List<Task<HttpResponseMessage>>();
        var votes = new List<Task<HttpResponseMessage>>();
        for (var n = 1; n <= 10; n++)
        {
            edits.Add(author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = $"Racing edit number {n}", body = $"Body {n}" }));
            if (n <= voters.Count) votes.Add(voters[n - 1].Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 }));
        }
        await Task.WhenAll(edits.Concat(votes));

        votes.Select(v => v.Result.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK, "every vote counts");
        var editAnswers = edits.Select(e => e.Result).ToList();
        editAnswers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict);
        foreach (var refused in editAnswers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
            (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Contain("until someone voted on it");
        var accepted = editAnswers.Count(a => a.StatusCode == HttpStatusCode.OK);
        var versions = (await moderator.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/moderation/ideas/{idea}/versions")).EnumerateArray().ToList();
        versions.Should().HaveCount(accepted == 0 ? 0 : accepted + 1, "every accepted edit, and only those, is a version");
        var shown = await author.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        shown.GetProperty("up").GetInt32().Should().Be(6);
        if (accepted > 0) shown.GetProperty("title").GetString().Should().Be(versions[^1].GetProperty("title").GetString());
        (await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "One more edit, after the votes", body = "Changed" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_withdrawn_idea_says_so_in_its_place_takes_no_votes_and_leaves_the_lists_and_search()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (other, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: "An idea about xylophones in waiting rooms");
        (await other.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);

        var withdrawn = await author.Http.PostAsync($"api/v1/ideas/{idea}/withdraw", null);
        withdrawn.StatusCode.Should().Be(HttpStatusCode.OK, "withdrawing does not depend on the edit window");
        (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moderation").GetString().Should().Be("withdrawn");

        using var visitor = app.Visit("edits.test");
        var (status, page) = await visitor.GetPageAsync($"/ideas/{idea}");
        status.Should().Be(HttpStatusCode.Gone);
        page.Should().Contain("This idea was withdrawn by its author.").And.NotContain("xylophones");
        (await other.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = -1 })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.Http.DeleteAsync($"api/v1/ideas/{idea}/vote")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Too late" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/search?q=xylophones")).GetProperty("items").GetArrayLength().Should().Be(0);
        var list = await visitor.Http.GetStringAsync("api/v1/challenges/waiting-well/ideas");
        list.Should().NotContain("xylophones");
        (await author.Http.PostAsync($"api/v1/ideas/{idea}/withdraw", null)).StatusCode.Should().Be(HttpStatusCode.NotFound, "it is off the site already");
        (await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "Bringing it back by editing", body = "Changed" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var (_, mine) = await author.GetPageAsync("/account/contributions");
        mine.Should().Contain("Withdrawn by you");
    }

    [Fact]
    public async Task A_vote_on_an_idea_its_author_withdrew_no_longer_holds_the_voters_budget()
    {
        var (author, _) = await app.MemberAsync("budget.test", Roles.Member);
        var (voter, _) = await app.MemberAsync("budget.test", Roles.Member);
        var withdrawn = await author.PostIdeaAsync(title: "An idea soon withdrawn");
        var other = await author.PostIdeaAsync(title: "An idea that stays");
        (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{withdrawn}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{other}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the one vote is spent");

        (await author.Http.PostAsync($"api/v1/ideas/{withdrawn}/withdraw", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{other}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK,
            "the vote on the withdrawn idea cannot be taken back, so it no longer counts");
    }

    internal static async Task<long> CommentAsync(Visitor member, long idea, string body, bool anonymous = false, long? parent = null)
    {
        var response = await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body, anonymous, parentId = parent });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
