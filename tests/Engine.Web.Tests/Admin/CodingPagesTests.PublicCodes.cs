using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Admin;

/// <summary>Codes on idea pages and in the idea's API JSON: only where the site makes them public, and only where the idea may be read.</summary>
public sealed partial class CodingPagesTests
{
    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task A_site_that_makes_codes_public_lists_an_ideas_codes_on_its_page_and_in_its_JSON(string theme)
    {
        var host = $"shown-{theme}.test";
        var (author, _) = await app.MemberAsync(host, Roles.Member, "Pat Author");
        var idea = await author.PostIdeaAsync(title: "Evening clinics for working carers", anonymous: true);
        var (analyst, _) = await app.MemberAsync(host, Roles.Analyst, "Ana Lyst");
        (await PostCodesAsync(analyst, $"idea-{idea}", "digital", "access")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var visitor = app.Visit(host);
        var (status, html) = await visitor.GetPageAsync($"/ideas/{idea}");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("How the analysts coded it").And.MatchRegex("Access to care<.*Digital<", "in the frame's order").And.NotContain("Staffing", "only the codes applied");
        html.Should().NotContain("Ana Lyst", "nor who applied them");
        var json = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        json.GetProperty("codes").EnumerateArray().Select(c => c.GetString()).Should().Equal("Access to care", "Digital");

        // An idea nobody has coded lists none, and says nothing about codes.
        var uncoded = await author.PostIdeaAsync(title: "Quiet rooms for bad news");
        (await visitor.GetPageAsync($"/ideas/{uncoded}")).Html.Should().NotContain("How the analysts coded it");
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{uncoded}")).GetProperty("codes").GetArrayLength().Should().Be(0);
        author.Dispose();
        analyst.Dispose();
    }

    [Fact]
    public async Task A_site_that_keeps_its_codes_private_shows_none_on_the_idea_page_or_in_the_JSON()
    {
        var (author, _) = await With(Roles.Member, "Pat Author");
        var idea = await author.PostIdeaAsync(title: "Longer visiting hours for children");
        var (analyst, _) = await With(Roles.Analyst, "Ana Lyst");
        (await PostCodesAsync(analyst, $"idea-{idea}", "access", "staff")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var visitor = app.Visit("coded.test");
        var (status, html) = await visitor.GetPageAsync($"/ideas/{idea}");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().NotContain("How the analysts coded it").And.NotContain("Access to care").And.NotContain("Staffing");
        var json = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        (!json.TryGetProperty("codes", out var codes) || codes.ValueKind == JsonValueKind.Null).Should().BeTrue("the site keeps its codes to its analysts");
        // Not even to the analyst who applied them, on the public page.
        (await analyst.GetPageAsync($"/ideas/{idea}")).Html.Should().NotContain("Access to care");
        author.Dispose();
        analyst.Dispose();
    }

    [Fact]
    public async Task Codes_are_never_shown_on_a_hidden_idea_nor_on_a_private_challenges_idea_to_outsiders()
    {
        const string host = "shown-base.test";
        var (admin, _) = await app.MemberAsync(host, Roles.Admin, "Ada Admin");
        var (insider, insiderId) = await app.MemberAsync(host, Roles.Member, "Ivy Insider");
        (await admin.Http.PostAsJsonAsync("api/v1/admin/groups", new { slug = "insiders", name = "Insiders" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.Http.PostAsJsonAsync("api/v1/admin/groups/insiders/members", new { memberId = insiderId })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var hidden = await insider.PostIdeaAsync(title: "An idea a moderator hides");
        var inside = await insider.PostIdeaAsync(title: "An idea for the group only", challenge: "inner-circle");
        var (analyst, _) = await app.MemberAsync(host, Roles.Analyst, "Ana Lyst");
        (await PostCodesAsync(analyst, $"idea-{hidden}", "staff")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await PostCodesAsync(analyst, $"idea-{inside}", "staff")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{hidden}/hide", new { reason = "Names a member of staff" })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // The group sees its idea's codes; a visitor and a member outside the group see neither idea nor its codes.
        (await insider.GetPageAsync($"/ideas/{inside}")).Html.Should().Contain("Staffing");
        using var visitor = app.Visit(host);
        var (outsider, _) = await app.MemberAsync(host, Roles.Member, "Otto Outsider");
        foreach (var reader in new[] { visitor, outsider })
            foreach (var id in new[] { hidden, inside })
            {
                var (status, html) = await reader.GetPageAsync($"/ideas/{id}");
                status.Should().Be(HttpStatusCode.NotFound);
                html.Should().NotContain("Staffing");
                var api = await reader.Http.GetAsync($"api/v1/ideas/{id}");
                api.StatusCode.Should().Be(HttpStatusCode.NotFound);
                (await api.Content.ReadAsStringAsync()).Should().NotContain("Staffing");
            }
        admin.Dispose();
        insider.Dispose();
        outsider.Dispose();
        analyst.Dispose();
    }
}
