using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Insight;

/// <summary>Search by words on the site and in the API, and similar ideas while typing a title.</summary>
public sealed class SearchTests(InsightApp app) : IClassFixture<InsightApp>
{
    private readonly string _word = "zq" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_search_page_finds_published_ideas_by_their_words_without_script_and_never_names_an_anonymous_author()
    {
        var (author, _) = await app.MemberAsync("held.test", Roles.Member, "Nadia Named");
        var named = await author.PostIdeaAsync($"Kiosks for {_word} check-in", "Let people check in themselves.");
        var anonymous = await author.PostIdeaAsync($"A quieter {_word} waiting room", "Less noise.", anonymous: true);
        // Held for a moderator (a phone number): stored, but never found.
        var held = await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = $"Call {_word} on 07700 900456", body = "Ring me." });
        held.StatusCode.Should().Be(HttpStatusCode.Accepted);

        using var visitor = app.Visit("held.test");
        var (status, html) = await visitor.GetPageAsync($"/search?q={_word}");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("<form method=\"get\" action=\"/search\"").And.Contain("2 ideas found");
        html.Should().Contain($"href=\"/ideas/{named}\"").And.Contain($"href=\"/ideas/{anonymous}\"").And.NotContain("07700");
        html.Should().Contain("Posted anonymously").And.Contain("By Nadia Named");
        html.Split("Posted anonymously").Length.Should().Be(2, "only the anonymous idea says so, and its author's name appears only with the named idea");

        // The same through the API, and scoped to one challenge.
        var api = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/search?q={_word}");
        api.GetProperty("total").GetInt32().Should().Be(2);
        var items = api.GetProperty("items").EnumerateArray().ToList();
        items.Single(i => i.GetProperty("id").GetInt64() == anonymous).GetProperty("author").ValueKind.Should().Be(JsonValueKind.Null);
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/search?q={_word}&challenge=last-year")).GetProperty("total").GetInt32().Should().Be(0);
        author.Dispose();
    }

    [Fact]
    public async Task Another_tenants_ideas_are_never_found()
    {
        var (author, _) = await app.MemberAsync("beta.test", Roles.Member);
        await author.PostIdeaAsync($"Beta's {_word} idea");
        using var alpha = app.Visit("alpha.test");
        (await alpha.Http.GetFromJsonAsync<JsonElement>($"api/v1/search?q={_word}")).GetProperty("total").GetInt32().Should().Be(0);
        (await alpha.GetPageAsync($"/search?q={_word}")).Html.Should().Contain("0 ideas found");
        using var beta = app.Visit("beta.test");
        (await beta.Http.GetFromJsonAsync<JsonElement>($"api/v1/search?q={_word}")).GetProperty("total").GetInt32().Should().Be(1);
        author.Dispose();
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unclosed")]
    [InlineData("OR")]
    [InlineData("a OR")]
    [InlineData("*")]
    [InlineData("NEAR(")]
    [InlineData("title:x")]
    [InlineData("^-+:()")]
    [InlineData("%_\\")]
    [InlineData("'; DROP TABLE ideas; --")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Hostile_query_syntax_gives_results_or_an_empty_list_never_an_error(string query)
    {
        using var visitor = app.Visit("alpha.test");
        var escaped = Uri.EscapeDataString(query);
        var page = await visitor.Http.GetAsync($"/search?q={escaped}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().NotContain("<script>alert(1)</script>");
        var api = await visitor.Http.GetAsync($"api/v1/search?q={escaped}");
        api.StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").ValueKind.Should().Be(JsonValueKind.Array);
    }

    [Fact]
    public async Task Bad_search_input_is_a_clear_error_naming_the_field()
    {
        using var visitor = app.Visit("alpha.test");
        var tooLong = await visitor.Http.GetAsync($"api/v1/search?q={new string('a', 201)}");
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(tooLong)).GetProperty("errors").TryGetProperty("q", out _).Should().BeTrue();
        var unknown = await visitor.Http.GetAsync("api/v1/search?q=text&challenge=next-year");
        (await Visitor.ProblemAsync(unknown)).GetProperty("errors").TryGetProperty("challenge", out _).Should().BeTrue("a challenge not yet open is not searchable");
        (await visitor.Http.GetAsync("api/v1/search?q=text&page=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (status, html) = await visitor.GetPageAsync("/search?q=text&challenge=nope");
        status.Should().Be(HttpStatusCode.BadRequest);
        html.Should().Contain("There is a problem").And.Contain("href=\"#challenge\"");
    }

    [Fact]
    public async Task Similar_ideas_are_published_ideas_of_the_same_challenge_sharing_telling_words()
    {
        var (author, _) = await app.MemberAsync("held.test", Roles.Member, "Sam Similar");
        var parking = await author.PostIdeaAsync($"Free {_word} parking for carers", "Carers should not pay.");
        (await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = $"Ring {_word} parking on 07700 900123", body = "Held, so never suggested." }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        using var visitor = app.Visit("held.test");
        var similar = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/challenges/waiting-well/similar-ideas?title={Uri.EscapeDataString($"Cheaper {_word} parking")}");
        var list = similar.EnumerateArray().ToList();
        list.Should().ContainSingle();
        list[0].GetProperty("id").GetInt64().Should().Be(parking);
        list[0].GetProperty("url").GetString().Should().Be($"/ideas/{parking}");
        (await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/waiting-well/similar-ideas?title=the%20and")).GetArrayLength().Should().Be(0);
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/challenges/last-year/similar-ideas?title={_word}%20parking")).GetArrayLength().Should().Be(0);
        (await visitor.Http.GetAsync("api/v1/challenges/next-year/similar-ideas?title=parking")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await visitor.Http.GetAsync("api/v1/challenges/nope/similar-ideas?title=parking")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        author.Dispose();
    }

    [Fact]
    public async Task A_new_near_duplicate_is_offered_first_at_once_though_the_same_words_were_asked_for_before()
    {
        var (author, _) = await app.MemberAsync("held.test", Roles.Member, "Kim Kept");
        var shuttle = await author.PostIdeaAsync($"A {_word} shuttle minibus for visitors", "From the station.");
        using var visitor = app.Visit("held.test");
        (await SimilarAsync(visitor, $"Electric {_word} shuttle")).Should().Equal(shuttle);
        (await SimilarAsync(visitor, $"Electric {_word} shuttle for the")).Should().Equal(shuttle);

        // A new idea is a write: the kept answer for these words goes, and the idea sharing every one of them comes first.
        var duplicate = await author.PostIdeaAsync($"Electric {_word} shuttle at night", "For night staff.");
        (await SimilarAsync(visitor, $"Electric {_word} shuttle")).Should().Equal(duplicate, shuttle);
        author.Dispose();
    }

    private static async Task<List<long>> SimilarAsync(Visitor visitor, string title) =>
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/challenges/waiting-well/similar-ideas?title={Uri.EscapeDataString(title)}"))
            .EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task The_new_idea_form_asks_for_similar_ideas_from_a_script_file_into_a_live_region()
    {
        foreach (var host in new[] { "alpha.test", "held.test" })
        {
            var (member, _) = await app.MemberAsync(host, Roles.Member);
            var (status, html) = await member.GetPageAsync("/challenges/waiting-well/ideas/new");
            status.Should().Be(HttpStatusCode.OK);
            html.Should().MatchRegex("id=\"similar-ideas\"[^>]*aria-live=\"polite\"[^>]*data-similar-url=\"/api/v1/challenges/waiting-well/similar-ideas\"");
            // The theme's files are linked at an address with their content hash (Site/AssetUrls.cs).
            var src = System.Text.RegularExpressions.Regex.Match(html, "<script src=\"(/theme/v-[0-9a-f]{12}/similar-ideas.js)\" defer></script>");
            src.Success.Should().BeTrue("the form loads the similar-ideas script");
            var script = await member.Http.GetAsync(src.Groups[1].Value);
            script.StatusCode.Should().Be(HttpStatusCode.OK);
            (await script.Content.ReadAsStringAsync()).Should().Contain("textContent").And.NotContain("innerHTML");
            member.Dispose();
        }
    }
}
