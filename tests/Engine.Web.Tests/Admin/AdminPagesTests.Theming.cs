using System.Net;
using System.Text.Json;
using Engine.Core.Challenges;
using Engine.Core.Ideas;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Engine.Sdk;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;

namespace Engine.Web.Tests.Admin;

/// <summary>The theming page: merging and undoing through plain forms, and grouping a closed challenge's ideas.</summary>
public partial class AdminPagesTests
{
    [Fact]
    public async Task A_community_manager_merges_two_ideas_through_the_page_and_undoes_it()
    {
        var (manager, _) = await With("alpha.test", Roles.CommunityManager, "Cam Manager");
        var (author, _) = await With("alpha.test", Roles.Member);
        var kept = await author.PostIdeaAsync("Keep this idea about texts");
        var duplicate = await author.PostIdeaAsync("Merge this idea about texts");
        var (voter, _) = await With("alpha.test", Roles.Member);
        (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{duplicate}/vote", new { value = 1 })).EnsureSuccessStatusCode();

        var (status, html) = await manager.GetPageAsync("/admin/theming?challenge=waiting-well");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain(">Theming</").And.NotContain(">Moderation queue<", "a community manager's nav holds only what they may use");
        var merge = await SubmitAsync(manager, "/admin/theming?challenge=waiting-well", "/admin/theming?challenge=waiting-well&handler=Merge",
            new() { ["duplicate"] = $"{duplicate}", ["keep"] = $"{kept}" });
        merge.StatusCode.Should().Be(HttpStatusCode.Redirect);
        merge.Headers.Location!.OriginalString.Should().Be("/admin/theming?challenge=waiting-well");
        var after = (await manager.GetPageAsync("/admin/theming?challenge=waiting-well")).Html;
        WebUtility.HtmlDecode(after).Should().Contain("Merged “Merge this idea about texts” into “Keep this idea about texts”: it now has 1 up-vote.");
        after.Should().Contain($"id=\"merged-{duplicate}\"");
        await manager.UseAntiforgeryHeaderAsync();
        (await IdeaJson(manager, kept)).GetProperty("up").GetInt32().Should().Be(1);

        var undo = await SubmitAsync(manager, "/admin/theming?challenge=waiting-well", "/admin/theming?challenge=waiting-well&handler=Undo", new() { ["id"] = $"{duplicate}" });
        undo.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await manager.GetPageAsync("/admin/theming?challenge=waiting-well")).Html.Should().Contain("Undid the merge").And.NotContain($"id=\"merged-{duplicate}\"");
        (await IdeaJson(manager, kept)).GetProperty("up").GetInt32().Should().Be(0);
        (await IdeaJson(manager, duplicate)).GetProperty("up").GetInt32().Should().Be(1);

        var bad = await SubmitAsync(manager, "/admin/theming?challenge=waiting-well", "/admin/theming?challenge=waiting-well&handler=Merge",
            new() { ["duplicate"] = $"{duplicate}", ["keep"] = "" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var badHtml = await bad.Content.ReadAsStringAsync();
        badHtml.Should().Contain("There is a problem").And.Contain("href=\"#merge-keep\"").And.Contain("Choose the idea to keep.");
        badHtml.Should().MatchRegex($"<option value=\"{duplicate}\" selected=\"selected\"", "what was chosen is kept");
        manager.Dispose();
        author.Dispose();
        voter.Dispose();
    }

    [Fact]
    public async Task Themes_and_big_ideas_are_made_through_the_page_once_the_challenge_has_closed()
    {
        var (admin, _) = await With("alpha.test", Roles.Admin, "Ada Admin");
        var (authorVisitor, authorId) = await With("alpha.test", Roles.Member, "Private Author");
        var idea = await ClosedChallengeIdeaAsync(authorId, "An old idea about parking");

        var open = (await admin.GetPageAsync("/admin/theming?challenge=waiting-well")).Html;
        open.Should().Contain("This challenge is still open").And.Contain("Create the theme", "a challenge is themed while it runs too");
        open.Should().NotContain("value=\"next-year\"", "a challenge not yet open has no ideas to theme and is not offered");
        var (status, html) = await admin.GetPageAsync("/admin/theming?challenge=last-year");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Create the theme");

        var empty = await SubmitAsync(admin, "/admin/theming?challenge=last-year", "/admin/theming?challenge=last-year&handler=CreateTheme",
            new() { ["title"] = "", ["summary"] = "What I typed" });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        emptyHtml.Should().Contain("href=\"#theme-title\"").And.Contain("Title is required.").And.Contain("What I typed");

        (await SubmitAsync(admin, "/admin/theming?challenge=last-year", "/admin/theming?challenge=last-year&handler=CreateTheme",
            new() { ["title"] = "Parking", ["summary"] = "Getting to the hospital" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await admin.UseAntiforgeryHeaderAsync();
        var theming = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/challenges/last-year/theming");
        var theme = theming.GetProperty("themes").EnumerateArray().Last().GetProperty("id").GetInt64();
        (await SubmitAsync(admin, "/admin/theming?challenge=last-year", "/admin/theming?challenge=last-year&handler=AddIdea",
            new() { ["themeId"] = $"{theme}", ["ideaId"] = $"{idea}" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await SubmitAsync(admin, "/admin/theming?challenge=last-year", "/admin/theming?challenge=last-year&handler=CreateBigIdea",
            new() { ["title"] = "Free parking for patients", ["summary"] = "One scheme", ["description"] = "## Plan\n\n- **Free** for appointments" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        await admin.UseAntiforgeryHeaderAsync();
        theming = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/challenges/last-year/theming");
        var bigIdea = theming.GetProperty("bigIdeas").EnumerateArray().Last().GetProperty("id").GetInt64();
        (await SubmitAsync(admin, "/admin/theming?challenge=last-year", "/admin/theming?challenge=last-year&handler=SetBigIdea",
            new() { ["themeId"] = $"{theme}", ["bigIdeaId"] = $"{bigIdea}" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await SubmitAsync(admin, "/admin/theming?challenge=last-year", "/admin/theming?challenge=last-year&handler=EditBigIdea",
            new() { ["id"] = $"{bigIdea}", ["title"] = "Free parking for every patient", ["summary"] = "One scheme", ["description"] = "## Plan" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        var page = (await admin.GetPageAsync("/admin/theming?challenge=last-year")).Html;
        page.Should().Contain($"id=\"theme-{theme}\"").And.Contain("An old idea about parking").And.Contain($"href=\"/big-ideas/{bigIdea}\"");
        await admin.UseAntiforgeryHeaderAsync();
        (await IdeaJson(admin, idea)).GetProperty("status").GetString().Should().BeOneOf("Shortlisted", "shortlisted");
        var audit = (await admin.GetPageAsync("/admin/audit")).Html;
        audit.Should().Contain("theme.created").And.Contain("big-idea.updated").And.Contain("big-idea.theme-added");

        (await SubmitAsync(admin, "/admin/theming?challenge=last-year", "/admin/theming?challenge=last-year&handler=DeleteBigIdea", new() { ["id"] = $"{bigIdea}" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var afterDelete = (await admin.GetPageAsync("/admin/theming?challenge=last-year")).Html;
        WebUtility.HtmlDecode(afterDelete).Should().Contain("Deleted the big idea “Free parking for every patient”");
        afterDelete.Should().NotContain($"id=\"big-idea-{bigIdea}\"").And.Contain($"id=\"theme-{theme}\"");
        admin.Dispose();
        authorVisitor.Dispose();
    }

    private static async Task<JsonElement> IdeaJson(Visitor visitor, long id) => await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{id}");

    /// <summary>An idea in alpha's closed challenge, stored as if posted while it was open.</summary>
    private async Task<long> ClosedChallengeIdeaAsync(long authorId, string title, bool anonymous = false)
    {
        var challenge = (await app.Services.GetRequiredService<IChallengeStore>().FindBySlugAsync("alpha", "last-year"))!;
        return await app.Services.GetRequiredService<IIdeaStore>().AddAsync("alpha", challenge.Id,
            new Admission(new Authorship(authorId, null, anonymous), ModerationState.Published, null), new NewIdea(title, "Posted while it was open."), DateTimeOffset.UtcNow.AddDays(-350));
    }
}
