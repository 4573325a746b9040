using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Engine.Web.Site;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests;

/// <summary>
/// Visitors' challenge pages are kept in memory; every kind of write must still show on the very
/// next view, and a kept page must never reach another tenant or a signed-in member.
/// </summary>
public partial class PageCacheTests(EngineApp app) : IClassFixture<EngineApp>
{
    private const string Newest = "/challenges/waiting-well?sort=new";
    private PageCache Cache => app.Services.GetRequiredService<PageCache>();

    private static int Supporters(string html, long idea)
    {
        var match = Regex.Match(html, $"href=\"/ideas/{idea}\"[\\s\\S]*?class=\"vote-count\"><span aria-hidden=\"true\">👍</span> (\\d+)");
        match.Success.Should().BeTrue($"idea {idea} should be on the page");
        return int.Parse(match.Groups[1].Value);
    }

    private async Task<(Visitor Member, long Idea)> IdeaAsync(string host = "beta.test")
    {
        var (member, _) = await app.MemberAsync(host, Roles.Member, "Ida Author");
        return (member, await member.PostIdeaAsync($"Idea {Guid.NewGuid():N}"));
    }

    [Fact]
    public async Task A_visitors_challenge_page_is_kept_and_the_kept_copy_is_served_next()
    {
        using var visitor = app.Visit("alpha.test");
        await KeptAndServedNextAsync(visitor, "/challenges/waiting-well?sort=top&page=1");
    }

    /// <summary>Views the page twice: the second view must be the kept copy of the first, with its length, and keep nothing new.</summary>
    private async Task<string> KeptAndServedNextAsync(Visitor visitor, string path)
    {
        var first = (await visitor.GetPageAsync(path)).Html;
        var kept = Cache.Count;
        kept.Should().BeGreaterThan(0);
        var second = await visitor.Http.GetAsync(path.TrimStart('/'));
        (await second.Content.ReadAsStringAsync()).Should().Be(first);
        second.Content.Headers.ContentLength.Should().Be(System.Text.Encoding.UTF8.GetByteCount(first), "a kept page goes out with its length");
        Cache.Count.Should().Be(kept, "the second view was served, not built and kept again");
        return first;
    }

    [Fact]
    public async Task A_vote_shows_on_the_next_page_view()
    {
        var (_, idea) = await IdeaAsync();
        using var visitor = app.Visit("beta.test");
        Supporters((await visitor.GetPageAsync(Newest)).Html, idea).Should().Be(0);

        var (voter, _) = await app.MemberAsync("beta.test", Roles.Member);
        (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);

        Supporters((await visitor.GetPageAsync(Newest)).Html, idea).Should().Be(1);
        (await voter.Http.DeleteAsync($"api/v1/ideas/{idea}/vote")).StatusCode.Should().Be(HttpStatusCode.OK);
        Supporters((await visitor.GetPageAsync(Newest)).Html, idea).Should().Be(0);
    }

    [Fact]
    public async Task A_new_idea_and_a_comment_show_on_the_next_page_view()
    {
        using var visitor = app.Visit("beta.test");
        await visitor.GetPageAsync(Newest);
        var (member, idea) = await IdeaAsync();
        var html = (await visitor.GetPageAsync(Newest)).Html;
        html.Should().Contain($"href=\"/ideas/{idea}\"");

        (await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Good thinking" })).StatusCode.Should().Be(HttpStatusCode.Created);
        Regex.Match((await visitor.GetPageAsync(Newest)).Html, $"href=\"/ideas/{idea}\"[\\s\\S]*?(\\d+ comments?)").Groups[1].Value.Should().Be("1 comment");
    }

    [Fact]
    public async Task Writes_made_by_stores_the_cache_knows_nothing_about_show_on_the_next_page_view()
    {
        var (_, idea) = await IdeaAsync();
        using var visitor = app.Visit("beta.test");
        (await visitor.GetPageAsync(Newest)).Html.Should().Contain($"href=\"/ideas/{idea}\"");

        // An idea's status changes (the responsiveness store), then a moderator hides it (the moderation store).
        var (manager, _) = await app.MemberAsync("beta.test", Roles.Admin, "Ann Manager");
        (await manager.Http.PutAsJsonAsync($"api/v1/admin/ideas/{idea}/status", new { status = "shortlisted", note = "On the list" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        Regex.Match((await visitor.GetPageAsync(Newest)).Html, $"href=\"/ideas/{idea}\"[\\s\\S]*?class=\"status\">([^<]+)<").Groups[1].Value
            .Should().Be("Shortlisted as a big idea");

        (await manager.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{idea}/hide", new { reason = "Off topic" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await visitor.GetPageAsync(Newest)).Html.Should().NotContain($"href=\"/ideas/{idea}\"");
    }

    [Fact]
    public async Task A_settings_change_shows_on_the_next_page_view()
    {
        await IdeaAsync();
        using var visitor = app.Visit("beta.test");
        (await visitor.GetPageAsync(Newest)).Html.Should().Contain("👎");
        var (admin, _) = await app.MemberAsync("beta.test", Roles.Admin, "Ada Admin");
        try
        {
            (await admin.Http.PutAsJsonAsync("api/v1/admin/settings", new { anonymousPosting = true, downVotes = false })).StatusCode.Should().Be(HttpStatusCode.OK);
            (await visitor.GetPageAsync(Newest)).Html.Should().NotContain("👎");
        }
        finally
        {
            await admin.Http.PutAsJsonAsync("api/v1/admin/settings", new { anonymousPosting = true, downVotes = true });
        }
        (await visitor.GetPageAsync(Newest)).Html.Should().Contain("👎");
    }

    [Fact]
    public async Task A_tenant_never_gets_another_tenants_kept_page_at_the_same_address()
    {
        using var alpha = app.Visit("alpha.test");
        using var beta = app.Visit("beta.test");
        (await alpha.GetPageAsync("/challenges/waiting-well")).Html.Should().Contain("Alpha Health Ideas");
        var html = (await beta.GetPageAsync("/challenges/waiting-well")).Html;
        html.Should().Contain("Beta Care Voices").And.NotContain("Alpha Health Ideas");
        (await alpha.GetPageAsync("/challenges/waiting-well")).Html.Should().Contain("Alpha Health Ideas").And.NotContain("Beta Care Voices");
    }

    [Fact]
    public async Task A_members_page_is_never_kept_nor_served_to_a_visitor_and_a_visitors_page_never_to_a_member()
    {
        var (member, idea) = await IdeaAsync();
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        using var visitor = app.Visit("beta.test");
        var visitorsPage = (await visitor.GetPageAsync(Newest)).Html;
        visitorsPage.Should().NotContain("vote-form").And.NotContain("__RequestVerificationToken");

        var membersPage = (await member.GetPageAsync(Newest)).Html;
        membersPage.Should().Contain("vote-form").And.Contain("aria-pressed=\"true\"", "the member sees their own vote marked");
        var kept = Cache.Count;

        (await member.GetPageAsync(Newest)).Html.Should().Contain("aria-pressed=\"true\"");
        (await visitor.GetPageAsync(Newest)).Html.Should().Be(visitorsPage).And.NotContain("Ida Author\" aria-pressed");
        Cache.Count.Should().Be(kept, "nothing was kept for the member");
    }

    [Fact]
    public async Task A_visitor_whose_sign_in_cookie_is_no_good_gets_the_kept_visitors_page_and_a_member_never_does()
    {
        using var visitor = app.Visit("alpha.test");
        var kept = (await visitor.GetPageAsync("/challenges/waiting-well?sort=top")).Html;
        using var request = new HttpRequestMessage(HttpMethod.Get, "challenges/waiting-well?sort=top");
        request.Headers.Add("Cookie", ".engine.signin=not-a-real-ticket");
        var response = await app.Visit("alpha.test").Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be(kept);

        var (member, _) = await app.MemberAsync("alpha.test", Roles.Member, "Mo Member");
        var membersPage = (await member.GetPageAsync("/challenges/waiting-well?sort=top")).Html;
        membersPage.Should().NotBe(kept).And.Contain("Mo Member").And.Contain("__RequestVerificationToken");
    }

    [Fact]
    public async Task A_page_with_unknown_query_parameters_is_built_for_that_request_and_not_kept()
    {
        using var visitor = app.Visit("alpha.test");
        var before = Cache.Count;
        var (status, html) = await visitor.GetPageAsync($"/challenges/waiting-well?utm_source={Guid.NewGuid():N}");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Waiting well");
        Cache.Count.Should().Be(before);
    }
}
