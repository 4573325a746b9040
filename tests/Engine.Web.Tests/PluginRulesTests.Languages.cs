using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engine.Web.Tests;

/// <summary>A plugin's refusals in the member's language, from the plugin's own catalogues, on the page and in the API.</summary>
public partial class PluginRulesTests
{
    private const string WelshBudgetRefusal =
        "Rydych chi wedi defnyddio pob un o'ch 1 pleidlais yn yr her hon: tynnwch un yn ôl i bleidleisio dros syniad arall.";

    [Fact]
    public async Task A_welsh_site_words_a_plugins_refusal_in_welsh_on_the_page_and_in_the_api_and_in_english_for_english()
    {
        using var author = await Member("budget-cy");
        var ideas = new[] { await author.PostIdeaAsync(title: "Syniad cyntaf"), await author.PostIdeaAsync(title: "Ail syniad") };
        using var voter = await Member("budget-cy");
        (await Vote(voter, ideas[0], 1)).StatusCode.Should().Be(HttpStatusCode.OK);

        var refused = await Vote(voter, ideas[1], 1);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await Visitor.ProblemAsync(refused);
        problem.GetProperty("detail").GetString().Should().Be(WelshBudgetRefusal);
        problem.GetProperty("errors").GetProperty("value")[0].GetString().Should().Be(WelshBudgetRefusal);

        // Without script: the page that refuses the vote says why, in Welsh.
        var page = await voter.SubmitAsync($"/ideas/{ideas[1]}", $"/ideas/{ideas[1]}/vote", new() { ["value"] = "1" });
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).Should().Contain(WelshBudgetRefusal).And.NotContain("You have used all");

        // The same member, asking for English, is refused in the plugin's English words.
        (await voter.GetPageAsync("/?lang=en")).Status.Should().Be(HttpStatusCode.OK);
        (await Refusal(await Vote(voter, ideas[1], 1))).Should().Be("You have used all 1 of your votes in this challenge: take one back to vote for another idea.");
    }

    [Fact]
    public async Task A_welsh_site_shows_the_budgets_allowance_in_welsh_on_the_page_and_in_the_api_and_in_english_for_english()
    {
        using var author = await Member("budget-cy");
        var idea = await author.PostIdeaAsync(title: "Syniad i bleidleisio drosto");
        using var voter = await Member("budget-cy");
        var before = WebUtility.HtmlDecode((await voter.GetPageAsync("/challenges/waiting-well")).Html);
        before.Should().Contain("1 o 1 pleidlais ar ôl").And.NotContain("votes left");

        var voted = await Vote(voter, idea, 1);
        voted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await voted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowance").GetString()
            .Should().Be("Dim pleidleisiau ar ôl: tynnwch un yn ôl i bleidleisio dros syniad arall");
        WebUtility.HtmlDecode((await voter.GetPageAsync($"/ideas/{idea}")).Html).Should().Contain("Dim pleidleisiau ar ôl");

        // The same member, asking for English, reads the plugin's English words.
        WebUtility.HtmlDecode((await voter.GetPageAsync($"/ideas/{idea}?lang=en")).Html).Should().Contain("No votes left: take one back");
    }

    [Fact]
    public async Task A_welsh_site_shows_the_quorums_labels_in_welsh_on_the_page_and_in_the_api()
    {
        using var author = await Member("quorum-cy");
        var idea = await author.PostIdeaAsync(title: "Syniad ar y ffordd i'r rhestr fer");
        (await Vote(author, idea, 1)).StatusCode.Should().Be(HttpStatusCode.OK);

        WebUtility.HtmlDecode((await author.GetPageAsync("/challenges/waiting-well")).Html).Should().Contain("Angen 1 bleidlais arall").And.NotContain("more vote");
        (await author.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")).GetProperty("label").GetString().Should().Be("Angen 1 bleidlais arall");

        using var voter = await Member("quorum-cy");
        (await Vote(voter, idea, 1)).StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode((await voter.GetPageAsync($"/ideas/{idea}")).Html).Should().Contain("Ar y rhestr fer");
        (await voter.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}?lang=en")).GetProperty("label").GetString().Should().Be("Shortlisted");
    }

    [Fact]
    public async Task A_welsh_site_refuses_anonymous_posting_in_the_policys_welsh_words()
    {
        using var author = await Member("named-cy");
        var refused = await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Syniad dienw", body = "Heb fy enw.", anonymous = true });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString()
            .Should().Be("Mae'r safle hwn yn dangos enw pob cyfrannwr: nid yw postio'n ddienw ar gael.");
    }

    [Fact]
    public async Task A_plugin_without_catalogues_shows_its_own_text_on_a_welsh_site()
    {
        using var author = await Member("words-cy");
        var refused = await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Syniad gwael", body = "This is rubbish." });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        const string reason = "Contains \"rubbish\", which is on this site's list of words that are not allowed";
        (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Be(reason);

        var page = await author.SubmitAsync("/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "Syniad gwael", ["body"] = "This is rubbish." });
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.Should().Contain(reason).And.Contain("lang=\"cy");
    }
}
