using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engine.Web.Tests;

/// <summary>The example plugins for authors, approval-quorum and link-limit, enabled through tenant.json and used over HTTP.</summary>
public partial class PluginRulesTests
{
    [Fact]
    public async Task Approval_quorum_takes_single_up_votes_labels_an_idea_shortlisted_at_the_quorum_and_ranks_the_challenge_page_by_its_keys()
    {
        using var author = await Member("quorum");
        var first = await author.PostIdeaAsync(title: "Quorum idea posted first");
        var second = await author.PostIdeaAsync(title: "Quorum idea posted second");
        var third = await author.PostIdeaAsync(title: "Quorum idea posted third");
        using var voter = await Member("quorum", "Sam Example");

        // Thumbs-down is switched on for the site, but the rule takes single up-votes only.
        (await Refusal(await Vote(voter, first, -1))).Should().Be("Each vote here is a single up-vote: vote 1, or take your vote back.");
        foreach (var idea in new[] { first, second, third })
            (await Vote(voter, idea, 1)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Vote(author, third, 1)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await author.Http.PostAsJsonAsync($"api/v1/ideas/{second}/comments", new { body = "Yes, and at weekends too." })).StatusCode
            .Should().Be(HttpStatusCode.Created);

        // Votes first (third has 2), then comments (second has 1), then the earlier idea: the engine's own tie-break,
        // newer first, would have put second before first had the rule's keys not decided.
        var (status, html) = await voter.GetPageAsync("/challenges/waiting-well?sort=top");
        status.Should().Be(HttpStatusCode.OK);
        var positions = new[] { "third", "second", "first" }.Select(n => html.IndexOf($"Quorum idea posted {n}", StringComparison.Ordinal)).ToList();
        positions.Should().AllSatisfy(p => p.Should().BeGreaterThan(0)).And.BeInAscendingOrder();
        var top = await voter.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/waiting-well/ideas?sort=top");
        top.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("label").GetString()))
            .Should().Equal((third, "Shortlisted"), (second, "Needs 1 more vote"), (first, "Needs 1 more vote"));
        html.Should().Contain(Label("Shortlisted"));
    }

    [Fact]
    public async Task Link_limit_holds_a_post_with_more_links_than_the_limit_and_publishes_one_within_it()
    {
        using var member = await Member("links");
        var within = await member.PostIdeaAsync(title: "See the leaflet", body: "It is at https://nhs.example/leaflet.");
        (await member.GetPageAsync($"/ideas/{within}")).Status.Should().Be(HttpStatusCode.OK);

        var response = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas",
            new { title = "Cheap offers", body = "https://spam.example/a and https://spam.example/b", anonymous = false });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, "a post over the limit is held for a moderator");
        var held = await response.Content.ReadFromJsonAsync<JsonElement>();
        held.GetProperty("moderation").GetString().Should().Be("held");
        (await member.GetPageAsync($"/ideas/{held.GetProperty("id").GetInt64()}")).Status.Should().Be(HttpStatusCode.NotFound);
    }
}
