using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Insight;

/// <summary>The public numbers (site, challenge, About the numbers) and the team's numbers over time.</summary>
public sealed class NumbersTests(InsightApp app) : IClassFixture<InsightApp>
{
    [Fact]
    public async Task A_person_who_posts_anonymously_and_votes_counts_once_on_the_site_and_in_the_challenge()
    {
        var (poster, _) = await app.MemberAsync("held.test", Roles.Member);
        using var visitor = app.Visit("held.test");
        var before = await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/waiting-well/stats");
        var idea = await poster.PostIdeaAsync("An anonymous idea to count", anonymous: true);
        (await poster.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/waiting-well/stats");
        after.GetProperty("people").GetInt32().Should().Be(before.GetProperty("people").GetInt32() + 1);
        after.GetProperty("ideas").GetInt32().Should().Be(before.GetProperty("ideas").GetInt32() + 1);
        after.GetProperty("votes").GetInt32().Should().Be(before.GetProperty("votes").GetInt32() + 1);
        after.GetProperty("interactions").GetInt32().Should().Be(before.GetProperty("interactions").GetInt32() + 2);
        (await visitor.Http.GetAsync("api/v1/challenges/next-year/stats")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a challenge not yet open is not public");
        poster.Dispose();
    }

    [Fact]
    public async Task The_about_page_gives_the_definitions_and_each_challenges_numbers_and_challenge_pages_show_theirs()
    {
        foreach (var host in new[] { "alpha.test", "held.test" })
        {
            using var visitor = app.Visit(host);
            var (status, html) = await visitor.GetPageAsync("/about/numbers");
            status.Should().Be(HttpStatusCode.OK);
            html.Should().Contain("About the numbers").And.Contain("Each person is counted once").And.Contain("merged into another as a duplicate still counts")
                .And.Contain("waiting for a moderator").And.Contain("Waiting well").And.NotContain("Next year&#x27;s challenge").And.NotContain("Next year's challenge");
            var (_, challenge) = await visitor.GetPageAsync("/challenges/waiting-well");
            challenge.Should().Contain("Interactions").And.Contain("href=\"/about/numbers\"");
        }
    }

    [Fact]
    public async Task The_team_sees_numbers_over_time_as_charts_from_script_files_with_the_same_figures_in_a_table()
    {
        var (champion, _) = await app.MemberAsync("alpha.test", Roles.Champion);
        var (member, _) = await app.MemberAsync("alpha.test", Roles.Member);
        await member.PostIdeaAsync("An idea for today's numbers");
        var (status, html) = await champion.GetPageAsync("/admin/numbers?challenge=waiting-well");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("data-chart=\"interactions\"").And.Contain("data-series=\"[{&quot;day&quot;:")
            .And.Contain("<script src=\"/frontend/chartjs/chart.umd.min.js\" defer></script>")
            .And.Contain("<script src=\"/admin-assets/numbers-chart.js\" defer></script>").And.Contain("id=\"daily-numbers\"");
        var chart = await champion.Http.GetAsync("/frontend/chartjs/chart.umd.min.js");
        chart.StatusCode.Should().Be(HttpStatusCode.OK);
        var script = await champion.Http.GetAsync("/admin-assets/numbers-chart.js");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        (await champion.Http.GetAsync("/admin-assets/nothing.js")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await champion.GetPageAsync("/admin/numbers?challenge=nope")).Status.Should().Be(HttpStatusCode.NotFound);

        var daily = await champion.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/stats/daily?challenge=waiting-well");
        daily.GetProperty("timeZone").GetString().Should().Be("Europe/London");
        var days = daily.GetProperty("days").EnumerateArray().ToList();
        days.Should().NotBeEmpty();
        days[^1].GetProperty("ideas").GetInt32().Should().BeGreaterThan(0, "today's idea is in today's bucket");
        (await member.Http.GetAsync("api/v1/admin/stats/daily")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await champion.Http.GetAsync("api/v1/admin/stats/daily?challenge=nope")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        champion.Dispose();
        member.Dispose();
    }
}
