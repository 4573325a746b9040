using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engine.Web.Tests;

public class TenantIsolationTests(EngineApp app) : IClassFixture<EngineApp>
{
    /// <summary>Alpha gets several ideas so its newest id does not exist on beta.</summary>
    private async Task<long> AlphaIdeaBetaLacksAsync()
    {
        using var alpha = app.Visit("alpha.test");
        await alpha.RegisterAsync(TestEmail.Unique());
        long id = 0;
        for (var i = 0; i < 5; i++) id = await alpha.PostIdeaAsync(title: $"Alpha only idea {i}");
        return id;
    }

    [Fact]
    public async Task An_idea_id_from_one_tenant_is_a_404_on_another_tenants_host()
    {
        var id = await AlphaIdeaBetaLacksAsync();
        using var beta = app.Visit("beta.test");
        (await beta.GetPageAsync($"/ideas/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
        var api = await beta.Http.GetAsync($"api/v1/ideas/{id}");
        api.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.Content.ReadAsStringAsync()).Should().NotContain("Alpha only idea");
    }

    [Fact]
    public async Task A_member_of_one_tenant_cannot_vote_or_comment_on_another_tenants_idea()
    {
        var id = await AlphaIdeaBetaLacksAsync();
        using var beta = app.Visit("beta.test");
        await beta.RegisterAsync(TestEmail.Unique());
        (await beta.Http.PutAsJsonAsync($"api/v1/ideas/{id}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await beta.Http.PostAsJsonAsync($"api/v1/ideas/{id}/comments", new { body = "cross", anonymous = false })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_sign_in_cookie_from_one_tenant_counts_for_nothing_on_another()
    {
        using var alpha = app.Visit("alpha.test");
        var login = await Visitor.RegisterAndSignInAsync(alpha.Http, TestEmail.Unique(), "Alpha Person");
        var cookie = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".engine.signin=")).Split(';')[0];

        using var beta = app.Visit("beta.test");
        beta.Http.DefaultRequestHeaders.Add("Cookie", cookie);
        (await beta.GetPageAsync("/")).Html.Should().NotContain("Alpha Person").And.Contain("Sign in");
        (await beta.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Smuggled across tenants", body = "x", anonymous = false }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_bearer_token_from_one_tenant_is_refused_on_another()
    {
        var email = TestEmail.Unique();
        using var alpha = app.Visit("alpha.test");
        await alpha.RegisterAsync(email);
        var token = (await (await alpha.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = "correct horse battery" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        using var beta = app.Visit("beta.test");
        beta.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await beta.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Token from elsewhere", body = "x", anonymous = false }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_same_email_is_two_separate_accounts_on_two_tenants()
    {
        var email = TestEmail.Unique();
        using var alpha = app.Visit("alpha.test");
        await alpha.RegisterAsync(email, "On Alpha");
        using var beta = app.Visit("beta.test");
        await beta.RegisterAsync(email, "On Beta");
        (await beta.GetPageAsync("/")).Html.Should().Contain("Signed in as On Beta");
    }

    [Fact]
    public async Task Stats_count_only_the_tenants_own_contributions()
    {
        await AlphaIdeaBetaLacksAsync();
        using var gamma = app.Visit("shared.test");
        (await gamma.Http.GetStringAsync("/gamma/api/v1/stats")).Should().Be("""{"people":0,"ideas":0,"comments":0,"votes":0,"interactions":0,"importedIdeas":0,"importedComments":0,"sources":0}""");
    }
}
