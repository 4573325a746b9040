using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests;

/// <summary>
/// A visitor's idea page is kept as the challenge page is (issue 22, figure 9: an idea with 200 comments): every
/// write to its thread shows on the very next view, and a kept idea page never reaches another tenant or a member.
/// </summary>
public partial class PageCacheTests
{
    private static async Task<long> CommentAsync(Visitor member, long idea, string body, bool official = false)
    {
        var posted = await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body, official });
        posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_visitors_idea_page_is_kept_and_the_kept_copy_is_served_next()
    {
        var (member, idea) = await IdeaAsync();
        await CommentAsync(member, idea, "A first comment on the thread");
        using var visitor = app.Visit("beta.test");
        (await KeptAndServedNextAsync(visitor, $"/ideas/{idea}")).Should().Contain("A first comment on the thread").And.NotContain("__RequestVerificationToken");
    }

    [Fact]
    public async Task A_new_comment_an_edit_a_moderation_hide_and_a_response_show_on_the_next_view_of_the_idea_page()
    {
        var (author, idea) = await IdeaAsync();
        using var visitor = app.Visit("beta.test");
        var page = $"/ideas/{idea}";
        (await visitor.GetPageAsync(page)).Html.Should().NotContain("Worth a pilot on ward 7");

        var comment = await CommentAsync(author, idea, "Worth a pilot on ward 7");
        (await visitor.GetPageAsync(page)).Html.Should().Contain("Worth a pilot on ward 7");

        (await author.Http.PutAsJsonAsync($"api/v1/comments/{comment}", new { body = "Worth a pilot on ward 9" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await visitor.GetPageAsync(page)).Html.Should().Contain("Worth a pilot on ward 9").And.NotContain("Worth a pilot on ward 7");

        var (manager, _) = await app.MemberAsync("beta.test", Roles.Admin, "Ann Manager");
        (await manager.Http.PostAsJsonAsync($"api/v1/admin/moderation/comments/{comment}/hide", new { reason = "Off topic" }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await visitor.GetPageAsync(page)).Html.Should().NotContain("Worth a pilot on ward 9");

        await CommentAsync(manager, idea, "The team is trying this from May", official: true);
        (await visitor.GetPageAsync(page)).Html.Should().Contain("The team is trying this from May");
    }

    [Fact]
    public async Task A_tenant_never_gets_another_tenants_kept_idea_page_at_the_same_address()
    {
        // Ideas are numbered per tenant, so the same address is an idea on each site (or none on one of them).
        var (author, _) = await app.MemberAsync("alpha.test", Roles.Member, "Al Author");
        var title = $"Alpha only {Guid.NewGuid():N}";
        var idea = await author.PostIdeaAsync(title);
        using var alpha = app.Visit("alpha.test");
        using var beta = app.Visit("beta.test");
        var (status, html) = await alpha.GetPageAsync($"/ideas/{idea}");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain(title).And.Contain("Alpha Health Ideas");

        var other = await (await beta.Http.GetAsync($"ideas/{idea}")).Content.ReadAsStringAsync();
        other.Should().NotContain(title).And.NotContain("Alpha Health Ideas");
        (await alpha.GetPageAsync($"/ideas/{idea}")).Html.Should().Be(html);
    }

    [Fact]
    public async Task A_members_idea_page_is_never_kept_nor_served_to_a_visitor_and_a_visitors_idea_page_never_to_a_member()
    {
        var (member, idea) = await IdeaAsync();
        using var visitor = app.Visit("beta.test");
        var visitorsPage = (await visitor.GetPageAsync($"/ideas/{idea}")).Html;
        visitorsPage.Should().NotContain("__RequestVerificationToken").And.NotContain("Ida Author\" aria-pressed");
        var kept = Cache.Count;

        var membersPage = (await member.GetPageAsync($"/ideas/{idea}")).Html;
        membersPage.Should().NotBe(visitorsPage).And.Contain("__RequestVerificationToken");
        Cache.Count.Should().Be(kept, "nothing was kept for the member");
        (await visitor.GetPageAsync($"/ideas/{idea}")).Html.Should().Be(visitorsPage);
    }
}
