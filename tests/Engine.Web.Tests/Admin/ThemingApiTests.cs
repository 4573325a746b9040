using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Admin;

/// <summary>Merging duplicate ideas and undoing it, and grouping a closed challenge's ideas into themes and big ideas, over HTTP.</summary>
public class ThemingApiTests(ThemingApiTests.App app) : IClassFixture<ThemingApiTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            var budget = Tenant("budget", "Budget site", ["budget.test"], anonymous: false, downVotes: false);
            budget["rules"] = new { voting = new { rule = "budget", settings = new { votes = 2 } } };
            WriteTenant("budget", budget);
        }
    }

    private Task<(Visitor Visitor, long Id)> With(string host, string role, string name = "Staff Member") => app.MemberAsync(host, role, name);

    /// <summary>A new open challenge of its own, so closing it cannot surprise another test.</summary>
    private static async Task<string> ChallengeAsync(Visitor admin)
    {
        var slug = $"c-{Guid.NewGuid():N}"[..20];
        (await admin.Http.PostAsJsonAsync("api/v1/admin/challenges", new
        {
            slug, title = "Waiting well again", description = "How can we help people wait well?", opensAt = DateTimeOffset.UtcNow.AddDays(-7), closesAt = DateTimeOffset.UtcNow.AddDays(7),
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        return slug;
    }

    private static async Task CloseAsync(Visitor admin, string slug) =>
        (await admin.Http.PutAsJsonAsync($"api/v1/admin/challenges/{slug}", new
        {
            title = "Waiting well again", description = "How can we help people wait well?", opensAt = DateTimeOffset.UtcNow.AddDays(-7), closesAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        })).StatusCode.Should().Be(HttpStatusCode.OK);

    private static async Task<JsonElement> IdeaAsync(Visitor visitor, long id) => await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{id}");

    private static async Task<(int Up, int Down, int Comments)> CountsAsync(Visitor visitor, long id)
    {
        var idea = await IdeaAsync(visitor, id);
        return (idea.GetProperty("up").GetInt32(), idea.GetProperty("down").GetInt32(), idea.GetProperty("commentCount").GetInt32());
    }

    private static async Task<IReadOnlyList<long>> ListedAsync(Visitor visitor, string slug) =>
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/challenges/{slug}/ideas")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

    private static Task<HttpResponseMessage> VoteAsync(Visitor visitor, long id, int value) => visitor.Http.PutAsJsonAsync($"api/v1/ideas/{id}/vote", new { value });

    [Fact]
    public async Task Merging_counts_a_member_who_backed_both_once_refuses_votes_on_the_duplicate_and_undo_restores_everything()
    {
        var (admin, _) = await With("beta.test", Roles.Admin, "Ada Admin");
        var slug = await ChallengeAsync(admin);
        var (author, _) = await With("beta.test", Roles.Member, "Pat Author");
        var kept = await author.PostIdeaAsync("Text patients their waiting-list position", challenge: slug);
        var duplicate = await author.PostIdeaAsync("Send texts about waiting lists", challenge: slug);
        var (both, _) = await With("beta.test", Roles.Member);
        var (differs, _) = await With("beta.test", Roles.Member);
        var (onlyDuplicate, _) = await With("beta.test", Roles.Member);
        (await VoteAsync(both, kept, 1)).EnsureSuccessStatusCode();
        (await VoteAsync(both, duplicate, 1)).EnsureSuccessStatusCode();
        (await VoteAsync(differs, kept, -1)).EnsureSuccessStatusCode();
        (await VoteAsync(differs, duplicate, 1)).EnsureSuccessStatusCode();
        (await VoteAsync(onlyDuplicate, duplicate, 1)).EnsureSuccessStatusCode();
        (await author.Http.PostAsJsonAsync($"api/v1/ideas/{duplicate}/comments", new { body = "Same as the other one, I think." })).StatusCode.Should().Be(HttpStatusCode.Created);
        var keptBefore = await CountsAsync(admin, kept);
        var duplicateBefore = await CountsAsync(admin, duplicate);
        keptBefore.Should().Be((1, 1, 0));
        duplicateBefore.Should().Be((3, 0, 1));

        var merge = await admin.Http.PostAsJsonAsync($"api/v1/admin/ideas/{duplicate}/merge", new { into = kept });
        merge.StatusCode.Should().Be(HttpStatusCode.OK, await merge.Content.ReadAsStringAsync());
        var body = await merge.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("kept").GetProperty("up").GetInt32().Should().Be(2, "both-ways counts once, only-duplicate is carried over");
        body.GetProperty("kept").GetProperty("down").GetInt32().Should().Be(1, "a member whose votes differ keeps their vote on the kept idea");
        body.GetProperty("merged").GetProperty("mergedInto").GetInt64().Should().Be(kept);

        (await CountsAsync(admin, kept)).Should().Be((2, 1, 0));
        (await ListedAsync(admin, slug)).Should().Equal(kept);
        (await IdeaAsync(admin, duplicate)).GetProperty("comments").GetArrayLength().Should().Be(1, "its comments stay readable");
        (await IdeaAsync(admin, duplicate)).GetProperty("mergedInto").GetInt64().Should().Be(kept);

        var refused = await VoteAsync(both, duplicate, 1);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Contain("Text patients their waiting-list position").And.Contain($"idea {kept}");
        (await both.Http.DeleteAsync($"api/v1/ideas/{duplicate}/vote")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await both.Http.PostAsJsonAsync($"api/v1/ideas/{duplicate}/comments", new { body = "Too late here." })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await IdeaAsync(onlyDuplicate, kept)).GetProperty("myVote").GetInt32().Should().Be(1, "their vote moved with the idea");

        var undo = await admin.Http.PostAsync($"api/v1/admin/ideas/{duplicate}/unmerge", null);
        undo.StatusCode.Should().Be(HttpStatusCode.OK, await undo.Content.ReadAsStringAsync());
        (await CountsAsync(admin, kept)).Should().Be(keptBefore);
        (await CountsAsync(admin, duplicate)).Should().Be(duplicateBefore);
        (await ListedAsync(admin, slug)).Should().BeEquivalentTo([kept, duplicate]);
        (await IdeaAsync(onlyDuplicate, kept)).GetProperty("myVote").GetInt32().Should().Be(0);
        (await IdeaAsync(differs, kept)).GetProperty("myVote").GetInt32().Should().Be(-1);
        (await VoteAsync(both, duplicate, -1)).StatusCode.Should().Be(HttpStatusCode.OK, "the idea takes votes again");
        (await admin.Http.PostAsync($"api/v1/admin/ideas/{duplicate}/unmerge", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var log = (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit")).EnumerateArray().ToList();
        log.Should().Contain(e => e.GetProperty("action").GetString() == "idea.merged" && e.GetProperty("subject").GetString() == $"idea {duplicate}"
            && e.GetProperty("detail").GetString() == $"into idea {kept}");
        log.Should().Contain(e => e.GetProperty("action").GetString() == "idea.merge-undone" && e.GetProperty("subject").GetString() == $"idea {duplicate}");
    }

    [Fact]
    public async Task Under_a_budget_rule_a_merge_gives_back_the_vote_a_member_spent_twice_and_undo_takes_it_away_again()
    {
        var (admin, _) = await With("budget.test", Roles.Admin);
        var (author, _) = await With("budget.test", Roles.Member);
        var kept = await author.PostIdeaAsync("First of two duplicate ideas");
        var duplicate = await author.PostIdeaAsync("Second of two duplicate ideas");
        var third = await author.PostIdeaAsync("A different idea altogether");
        var fourth = await author.PostIdeaAsync("Yet another different idea");
        var (voter, _) = await With("budget.test", Roles.Member);
        (await VoteAsync(voter, kept, 1)).EnsureSuccessStatusCode();
        (await VoteAsync(voter, duplicate, 1)).EnsureSuccessStatusCode();
        (await VoteAsync(voter, third, 1)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "both of the 2 votes are used");

        (await admin.Http.PostAsJsonAsync($"api/v1/admin/ideas/{duplicate}/merge", new { into = kept })).EnsureSuccessStatusCode();
        (await CountsAsync(admin, kept)).Up.Should().Be(1, "the member counts once");
        var vote = await VoteAsync(voter, third, 1);
        vote.StatusCode.Should().Be(HttpStatusCode.OK, "the vote spent on the duplicate is given back");
        (await vote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowance").GetString().Should().Be("No votes left: take one back to vote for another idea");

        (await admin.Http.PostAsync($"api/v1/admin/ideas/{duplicate}/unmerge", null)).EnsureSuccessStatusCode();
        (await IdeaAsync(voter, duplicate)).GetProperty("myVote").GetInt32().Should().Be(1, "undo restores the vote exactly");
        (await VoteAsync(voter, fourth, 1)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "over budget after the undo, so no new votes until one is taken back");
        (await voter.Http.DeleteAsync($"api/v1/ideas/{third}/vote")).EnsureSuccessStatusCode();
        (await voter.Http.DeleteAsync($"api/v1/ideas/{duplicate}/vote")).EnsureSuccessStatusCode();
        (await VoteAsync(voter, fourth, 1)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bad_merges_are_refused_naming_the_field_and_store_nothing()
    {
        var (admin, _) = await With("alpha.test", Roles.Admin);
        var first = await admin.PostIdeaAsync("An idea in waiting well");
        var second = await admin.PostIdeaAsync("An idea in waiting well, again");
        async Task<(HttpStatusCode, string?)> Merge(long id, object body)
        {
            var response = await admin.Http.PostAsJsonAsync($"api/v1/admin/ideas/{id}/merge", body);
            var problem = await Visitor.ProblemAsync(response);
            return (response.StatusCode, problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Single().Name : problem.GetProperty("detail").GetString());
        }
        (await Merge(first, new { })).Should().Be((HttpStatusCode.BadRequest, "into"));
        (await Merge(first, new { into = first })).Should().Be((HttpStatusCode.BadRequest, "mergedId"));
        (await Merge(first, new { into = 999_999 })).Item1.Should().Be(HttpStatusCode.NotFound);
        (await admin.Http.PostAsJsonAsync($"api/v1/admin/ideas/{second}/merge", new { into = first })).EnsureSuccessStatusCode();
        (await Merge(second, new { into = first })).Item1.Should().Be(HttpStatusCode.Conflict);
        (await Merge(first, new { into = second })).Should().Be((HttpStatusCode.BadRequest, "keptId"));
        (await admin.Http.PostAsync($"api/v1/admin/ideas/{second}/unmerge", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Another_tenants_staff_can_neither_merge_nor_theme_this_tenants_ideas_and_a_champion_cannot_at_all()
    {
        var (alphaAdmin, _) = await With("alpha.test", Roles.Admin);
        var first = await alphaAdmin.PostIdeaAsync("An alpha idea to keep");
        var second = await alphaAdmin.PostIdeaAsync("An alpha idea to merge");
        var (betaAdmin, _) = await With("beta.test", Roles.Admin);
        (await betaAdmin.Http.PostAsJsonAsync($"api/v1/admin/ideas/{second}/merge", new { into = first })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var slug = await ChallengeAsync(betaAdmin);
        await CloseAsync(betaAdmin, slug);
        var theme = await (await betaAdmin.Http.PostAsJsonAsync($"api/v1/admin/challenges/{slug}/themes", new { title = "Beta theme" })).Content.ReadFromJsonAsync<JsonElement>();
        (await betaAdmin.Http.PostAsJsonAsync($"api/v1/admin/themes/{theme.GetProperty("id").GetInt64()}/ideas", new { ideaId = first }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "alpha's idea does not exist on beta");
        (await IdeaAsync(alphaAdmin, second)).GetProperty("mergedInto").ValueKind.Should().Be(JsonValueKind.Null);

        var (champion, _) = await With("alpha.test", Roles.Champion);
        (await champion.Http.PostAsJsonAsync($"api/v1/admin/ideas/{second}/merge", new { into = first })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var (manager, _) = await With("alpha.test", Roles.CommunityManager);
        (await manager.Http.PostAsJsonAsync($"api/v1/admin/ideas/{second}/merge", new { into = first })).StatusCode.Should().Be(HttpStatusCode.OK, "community managers merge");
        (await manager.Http.PostAsync($"api/v1/admin/ideas/{second}/unmerge", null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task After_a_challenge_closes_its_ideas_are_grouped_into_themes_and_big_ideas_with_statuses_and_audit()
    {
        var (admin, _) = await With("alpha.test", Roles.Admin);
        var slug = await ChallengeAsync(admin);
        var (author, _) = await With("alpha.test", Roles.Member);
        var first = await author.PostIdeaAsync("Text patients their place", challenge: slug);
        var second = await author.PostIdeaAsync("A waiting-room app", challenge: slug);
        var (manager, _) = await With("alpha.test", Roles.CommunityManager);

        var early = await manager.Http.PostAsJsonAsync("api/v1/admin/challenges/next-year/themes", new { title = "Too early" });
        early.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(early)).GetProperty("errors").GetProperty("challenge")[0].GetString()
            .Should().Contain("has not opened yet").And.Contain("once it has opened");

        await CloseAsync(admin, slug);
        (await manager.Http.PostAsJsonAsync($"api/v1/admin/challenges/{slug}/themes", new { title = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var created = await manager.Http.PostAsJsonAsync($"api/v1/admin/challenges/{slug}/themes", new { title = "Keeping people informed", summary = "Texts and apps" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var theme = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        foreach (var idea in new[] { first, second })
            (await manager.Http.PostAsJsonAsync($"api/v1/admin/themes/{theme}/ideas", new { ideaId = idea })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await IdeaAsync(manager, first)).GetProperty("status").GetString().Should().BeOneOf("Themed", "themed");
        (await manager.Http.DeleteAsync($"api/v1/admin/themes/{theme}/ideas/{second}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var big = await manager.Http.PostAsJsonAsync($"api/v1/admin/challenges/{slug}/big-ideas",
            new { title = "A waiting-list text service", summary = "One service for the region", description = "## Why\n\nPeople *ask*." });
        big.StatusCode.Should().Be(HttpStatusCode.Created);
        var bigIdea = (await big.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        big.Headers.Location!.ToString().Should().Be($"/big-ideas/{bigIdea}");
        (await manager.Http.PutAsJsonAsync($"api/v1/admin/themes/{theme}/big-idea", new { bigIdeaId = bigIdea })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await IdeaAsync(manager, first)).GetProperty("status").GetString().Should().BeOneOf("Shortlisted", "shortlisted");
        (await IdeaAsync(manager, second)).GetProperty("status").GetString().Should().BeOneOf("Themed", "themed", "a removed idea keeps its status: it was themed");

        var all = await manager.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/challenges/{slug}/theming");
        all.GetProperty("themes")[0].GetProperty("ideaIds").EnumerateArray().Select(i => i.GetInt64()).Should().Equal(first);
        all.GetProperty("bigIdeas")[0].GetProperty("themeIds").EnumerateArray().Select(i => i.GetInt64()).Should().Equal(theme);

        var log = (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit")).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        log.Should().Contain(["theme.created", "theme.idea-added", "theme.idea-removed", "big-idea.created", "big-idea.theme-added", "idea.status"]);

        (await manager.Http.DeleteAsync($"api/v1/admin/big-ideas/{bigIdea}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var visitor = app.Visit("alpha.test");
        (await visitor.GetPageAsync($"/big-ideas/{bigIdea}")).Status.Should().Be(HttpStatusCode.NotFound);
        all = await manager.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/challenges/{slug}/theming");
        all.GetProperty("themes")[0].GetProperty("bigIdeaId").ValueKind.Should().Be(JsonValueKind.Null, "its theme stays, in no big idea");
        (await manager.Http.DeleteAsync($"api/v1/admin/themes/{theme}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await manager.Http.DeleteAsync($"api/v1/admin/themes/{theme}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await manager.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/challenges/{slug}/theming")).GetProperty("themes").GetArrayLength().Should().Be(0);
        (await IdeaAsync(manager, first)).GetProperty("status").GetString().Should().BeOneOf("Shortlisted", "shortlisted", "a status is changed only on purpose");
        (await visitor.GetPageAsync($"/ideas/{first}")).Html.Should().NotContain("What this idea feeds into");
        log = (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit")).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        log.Should().Contain(["theme.deleted", "big-idea.deleted"]);
    }

    [Fact]
    public async Task A_challenge_that_never_closes_is_themed_while_it_runs_and_its_themed_ideas_keep_taking_votes_and_comments()
    {
        var (admin, _) = await With("alpha.test", Roles.Admin);
        var slug = await ChallengeAsync(admin);
        var (author, _) = await With("alpha.test", Roles.Member);
        var idea = await author.PostIdeaAsync("Evening clinics for working parents", challenge: slug);
        var (manager, _) = await With("alpha.test", Roles.CommunityManager);

        var created = await manager.Http.PostAsJsonAsync($"api/v1/admin/challenges/{slug}/themes", new { title = "Access out of hours" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var theme = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await manager.Http.PostAsJsonAsync($"api/v1/admin/themes/{theme}/ideas", new { ideaId = idea })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await IdeaAsync(manager, idea)).GetProperty("status").GetString().Should().BeOneOf("Themed", "themed");
        var big = await manager.Http.PostAsJsonAsync($"api/v1/admin/challenges/{slug}/big-ideas", new { title = "Care when people can come" });
        big.StatusCode.Should().Be(HttpStatusCode.Created, "big ideas are made while the challenge runs too");

        var (voter, _) = await With("alpha.test", Roles.Member);
        (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK, "the challenge is still open");
        (await voter.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Saturday mornings too, please.", anonymous = false }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await CountsAsync(manager, idea)).Should().Be((1, 0, 1));
        var later = await author.PostIdeaAsync("Weekend phlebotomy", challenge: slug);
        (await IdeaAsync(manager, later)).GetProperty("status").GetString()!.ToLowerInvariant().Should().NotBe("themed", "an idea posted after theming is in no theme until it is added");
        (await admin.GetPageAsync($"/admin/theming?challenge={slug}")).Html.Should().Contain("This challenge is still open").And.Contain("Access out of hours");
    }
}
