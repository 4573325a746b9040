using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Engine.Web.Tests;

public class ApiTests(EngineApp app) : IClassFixture<EngineApp>
{
    private async Task<Visitor> MemberOn(string host)
    {
        var visitor = app.Visit(host);
        await visitor.RegisterAsync(TestEmail.Unique());
        return visitor;
    }

    [Fact]
    public async Task Registering_creates_the_member_who_signs_in_at_once_with_their_password()
    {
        using var visitor = app.Visit("alpha.test");
        var email = TestEmail.Unique();
        var response = await visitor.Http.PostAsJsonAsync("api/v1/account/register", new { email, password = "correct horse battery", displayName = "Nurse Jo" });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        response.Headers.Contains("Set-Cookie").Should().BeFalse("registering signs nobody in: it answers a taken address alike");
        (await visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "correct horse battery" }))
            .Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(".engine.signin=") && c.Contains("httponly"));
        (await visitor.GetPageAsync("/")).Html.Should().Contain("Signed in as Nurse Jo");
    }

    [Fact]
    public async Task Registering_an_email_twice_makes_nothing_the_second_time()
    {
        var email = TestEmail.Unique();
        using var first = app.Visit("alpha.test");
        await first.RegisterAsync(email);
        using var second = app.Visit("alpha.test");
        var response = await second.Http.PostAsJsonAsync("api/v1/account/register", new { email, password = "another long password", displayName = "Again" });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, "the same answer as for a new address (Security.RegistrationEnumerationTests)");
        (await second.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "another long password" }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is still the first one's");
    }

    [Theory]
    [InlineData("short", "nurse@example.nhs.uk", "Jo", "password")]
    [InlineData("correct horse battery", "not-an-email", "Jo", "email")]
    [InlineData("correct horse battery", "nurse2@example.nhs.uk", "", "displayName")]
    public async Task Bad_registrations_are_refused_naming_the_field(string password, string email, string displayName, string field)
    {
        using var visitor = app.Visit("alpha.test");
        var response = await visitor.Http.PostAsJsonAsync("api/v1/account/register", new { email, password, displayName });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Signing_in_checks_the_password_and_locks_the_account_after_five_failures()
    {
        var email = TestEmail.Unique();
        using (var v = app.Visit("alpha.test")) await v.RegisterAsync(email);
        using var visitor = app.Visit("alpha.test");
        (await visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "correct horse battery" })).StatusCode.Should().Be(HttpStatusCode.OK);
        for (var i = 0; i < 5; i++)
            (await visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "wrong" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var locked = await visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "correct horse battery" });
        locked.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Visitor.ProblemAsync(locked)).GetProperty("detail").GetString().Should().Contain("locked");
    }

    [Fact]
    public async Task A_bearer_token_posts_and_votes_without_an_antiforgery_header()
    {
        var email = TestEmail.Unique();
        using (var v = app.Visit("alpha.test")) await v.RegisterAsync(email);
        using var client = app.Visit("alpha.test");
        var token = (await (await client.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = "correct horse battery" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var id = await client.PostIdeaAsync();
        var vote = await client.Http.PutAsJsonAsync($"api/v1/ideas/{id}/vote", new { value = 1 });
        vote.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cookie_write_without_the_antiforgery_header_is_refused_and_stores_nothing()
    {
        using var visitor = await MemberOn("alpha.test");
        visitor.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var before = (await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/stats")).GetProperty("ideas").GetInt32();
        var response = await visitor.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Forged idea title", body = "x", anonymous = false });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("X-CSRF-TOKEN");
        (await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/stats")).GetProperty("ideas").GetInt32().Should().Be(before);
    }

    [Fact]
    public async Task Writing_without_signing_in_is_a_401_problem()
    {
        using var visitor = app.Visit("alpha.test");
        var response = await visitor.Http.PutAsJsonAsync("api/v1/ideas/1/vote", new { value = 1 });
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Visitor.ProblemAsync(response)).GetProperty("title").GetString().Should().Be("Not signed in");
    }

    [Fact]
    public async Task Challenges_list_open_and_closed_ones_but_not_drafts()
    {
        using var visitor = app.Visit("alpha.test");
        var challenges = await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges");
        var states = challenges.EnumerateArray().ToDictionary(c => c.GetProperty("slug").GetString()!, c => c.GetProperty("state").GetString());
        states.Should().BeEquivalentTo(new Dictionary<string, string?> { ["waiting-well"] = "open", ["last-year"] = "closed" });
    }

    [Fact]
    public async Task A_posted_idea_is_listed_with_its_author_and_counts()
    {
        using var visitor = app.Visit("alpha.test");
        await visitor.RegisterAsync(TestEmail.Unique(), "Dr Listed");
        var id = await visitor.PostIdeaAsync(title: "Listed idea for the api test");
        var list = await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/waiting-well/ideas?sort=new&page=1&pageSize=5");
        list.GetProperty("total").GetInt32().Should().BeGreaterThan(0);
        var item = list.GetProperty("items").EnumerateArray().First(i => i.GetProperty("id").GetInt64() == id);
        item.GetProperty("title").GetString().Should().Be("Listed idea for the api test");
        item.GetProperty("author").GetProperty("displayName").GetString().Should().Be("Dr Listed");
        item.GetProperty("anonymous").GetBoolean().Should().BeFalse();
        item.GetProperty("up").GetInt32().Should().Be(0);
        item.GetProperty("status").GetString().Should().Be("submitted");
    }

    [Theory]
    [InlineData("sort=random", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    public async Task Bad_list_parameters_are_a_400_naming_the_parameter(string query, string field)
    {
        using var visitor = app.Visit("alpha.test");
        var response = await visitor.Http.GetAsync($"api/v1/challenges/waiting-well/ideas?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task An_empty_title_and_a_ten_megabyte_title_are_400s_naming_the_title()
    {
        using var visitor = await MemberOn("alpha.test");
        foreach (var title in new[] { "", new string('a', 10 * 1024 * 1024) })
        {
            var response = await visitor.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title, body = "b", anonymous = false });
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await Visitor.ProblemAsync(response)).GetProperty("errors").TryGetProperty("title", out _).Should().BeTrue();
        }
    }

    [Theory]
    [InlineData("{\"title\": \"unterminated", "body")]
    [InlineData("{\"value\": \"up\"}", "value")]
    [InlineData("[1,2,3]", "body")]
    [InlineData("", "body")]
    public async Task Malformed_json_is_a_400_that_says_where_never_a_500(string json, string field)
    {
        using var visitor = await MemberOn("alpha.test");
        var id = await visitor.PostIdeaAsync();
        var url = field == "value" ? $"api/v1/ideas/{id}/vote" : "api/v1/challenges/waiting-well/ideas";
        var request = new HttpRequestMessage(field == "value" ? HttpMethod.Put : HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        var response = await visitor.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await Visitor.ProblemAsync(response);
        if (field == "value") problem.GetProperty("errors").TryGetProperty("value", out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_vote_of_seven_is_refused_naming_the_value()
    {
        using var visitor = await MemberOn("beta.test");
        var id = await visitor.PostIdeaAsync();
        var response = await visitor.Http.PutAsJsonAsync($"api/v1/ideas/{id}/vote", new { value = 7 });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(response)).GetProperty("errors").GetProperty("value")[0].GetString().Should().Contain("1 (up) or -1 (down)");
    }

    [Fact]
    public async Task Votes_are_idempotent_can_change_and_can_be_taken_back()
    {
        using var author = await MemberOn("beta.test");
        var id = await author.PostIdeaAsync();
        using var voter = await MemberOn("beta.test");
        (await (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{id}/vote", new { value = 1 })).Content.ReadFromJsonAsync<JsonElement>()).ToString()
            .Should().Be("""{"up":1,"down":0,"myVote":1,"allowance":null}""");
        (await (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{id}/vote", new { value = 1 })).Content.ReadFromJsonAsync<JsonElement>()).ToString()
            .Should().Be("""{"up":1,"down":0,"myVote":1,"allowance":null}""");
        (await (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{id}/vote", new { value = -1 })).Content.ReadFromJsonAsync<JsonElement>()).ToString()
            .Should().Be("""{"up":0,"down":1,"myVote":-1,"allowance":null}""");
        (await (await voter.Http.DeleteAsync($"api/v1/ideas/{id}/vote")).Content.ReadFromJsonAsync<JsonElement>()).ToString()
            .Should().Be("""{"up":0,"down":0,"myVote":0,"allowance":null}""");
        (await voter.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{id}")).GetProperty("myVote").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_down_vote_where_the_site_has_none_is_refused_saying_why()
    {
        using var visitor = await MemberOn("alpha.test");
        var id = await visitor.PostIdeaAsync();
        var response = await visitor.Http.PutAsJsonAsync($"api/v1/ideas/{id}/vote", new { value = -1 });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(response)).GetProperty("errors").GetProperty("value")[0].GetString().Should().Contain("thumbs-down");
    }

    [Fact]
    public async Task Anonymous_posting_where_the_site_does_not_allow_it_is_refused_saying_why()
    {
        using var visitor = await MemberOn("alpha.test");
        var response = await visitor.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Anonymous idea title", body = "b", anonymous = true });
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Visitor.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("anonymous");
    }

    [Fact]
    public async Task An_anonymous_idea_and_comment_show_no_trace_of_their_author_anywhere_public()
    {
        using var nurse = app.Visit("beta.test");
        await nurse.RegisterAsync(TestEmail.Unique(), "Nurse Identifiable");
        await AnonymousPostsShowNoTraceOfTheirAuthorAsync(app, nurse, "Nurse Identifiable");
    }

    /// <summary>The nurse, signed in on beta by password or by single sign-on, posts anonymously: nothing public names them.</summary>
    internal static async Task AnonymousPostsShowNoTraceOfTheirAuthorAsync(EngineApp app, Visitor nurse, string name)
    {
        var id = await nurse.PostIdeaAsync(title: "Frank idea about the ward rota", anonymous: true);
        var comment = await nurse.Http.PostAsJsonAsync($"api/v1/ideas/{id}/comments", new { body = "And the handover too", anonymous = true });
        comment.StatusCode.Should().Be(HttpStatusCode.Created);

        using var reader = app.Visit("beta.test");
        var detail = await reader.Http.GetStringAsync($"api/v1/ideas/{id}");
        var list = await reader.Http.GetStringAsync("api/v1/challenges/waiting-well/ideas?sort=new");
        var page = (await reader.GetPageAsync($"/ideas/{id}")).Html;
        var challenge = (await reader.GetPageAsync("/challenges/waiting-well?sort=new")).Html;
        foreach (var text in new[] { detail, list, page, challenge })
            text.Should().NotContain(name);
        page.Should().Contain("Posted anonymously").And.Contain("Frank idea about the ward rota");
        JsonDocument.Parse(detail).RootElement.GetProperty("author").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Writes_to_a_closed_challenge_are_refused_saying_it_is_closed()
    {
        using var visitor = await MemberOn("alpha.test");
        var response = await visitor.Http.PostAsJsonAsync("api/v1/challenges/last-year/ideas", new { title = "Too late for this", body = "b", anonymous = false });
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Visitor.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("closed");
        (await visitor.Http.PostAsJsonAsync("api/v1/challenges/next-year/ideas", new { title = "Too early for this", body = "b", anonymous = false }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "a draft challenge is not public at all");
    }

    [Fact]
    public async Task Comments_take_one_level_of_replies()
    {
        using var visitor = await MemberOn("alpha.test");
        var id = await visitor.PostIdeaAsync();
        var other = await visitor.PostIdeaAsync(title: "Another idea entirely");
        var top = await (await visitor.Http.PostAsJsonAsync($"api/v1/ideas/{id}/comments", new { body = "Top", anonymous = false })).Content.ReadFromJsonAsync<JsonElement>();
        var topId = top.GetProperty("id").GetInt64();
        var reply = await visitor.Http.PostAsJsonAsync($"api/v1/ideas/{id}/comments", new { body = "Reply", anonymous = false, parentId = topId });
        reply.StatusCode.Should().Be(HttpStatusCode.Created);
        var replyId = (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var deeper = await visitor.Http.PostAsJsonAsync($"api/v1/ideas/{id}/comments", new { body = "Deeper", anonymous = false, parentId = replyId });
        deeper.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(deeper)).GetProperty("errors").TryGetProperty("parentId", out _).Should().BeTrue();
        (await visitor.Http.PostAsJsonAsync($"api/v1/ideas/{other}/comments", new { body = "Wrong idea", anonymous = false, parentId = topId }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var idea = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{id}");
        idea.GetProperty("commentCount").GetInt32().Should().Be(2);
        idea.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("body").GetString()).Should().Equal("Top", "Reply");
    }

    [Fact]
    public async Task Stats_count_people_ideas_comments_votes_and_interactions()
    {
        await using var fresh = new EngineApp();
        using var alice = fresh.Visit("beta.test");
        await alice.RegisterAsync(TestEmail.Unique());
        using var bob = fresh.Visit("beta.test");
        await bob.RegisterAsync(TestEmail.Unique());
        var id = await alice.PostIdeaAsync(anonymous: true);
        await alice.Http.PostAsJsonAsync($"api/v1/ideas/{id}/comments", new { body = "Me again", anonymous = false });
        await bob.Http.PutAsJsonAsync($"api/v1/ideas/{id}/vote", new { value = 1 });
        (await bob.Http.GetStringAsync("api/v1/stats")).Should().Be("""{"people":2,"ideas":1,"comments":1,"votes":1,"interactions":3,"importedIdeas":0,"importedComments":0,"sources":0}""");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var visitor = app.Visit("alpha.test");
        var doc = await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/openapi.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/v1/challenges", "/api/v1/challenges/{slug}/ideas", "/api/v1/ideas/{id}/vote", "/api/v1/stats", "/api/v1/account/register"]);
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_404_problem()
    {
        using var visitor = app.Visit("alpha.test");
        var response = await visitor.Http.GetAsync("api/v1/nothing-here");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await Visitor.ProblemAsync(response);
    }
}
