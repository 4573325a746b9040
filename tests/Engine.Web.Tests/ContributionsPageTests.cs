using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Web.Tests;

/// <summary>"Your contributions": how an author learns what moderation decided and why, anonymous contributions included, and only they see it.</summary>
public class ContributionsPageTests(ContributionsPageTests.App app) : IClassFixture<ContributionsPageTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            foreach (var (id, theme) in new[] { ("own", "base"), ("ownnhs", "nhs"), ("ownlondon", "london") })
            {
                var tenant = Tenant(id, $"{id} site", [$"{id}.test"], anonymous: true, downVotes: true, theme: theme);
                // Fully anonymous posts keep only a keyed hash of their author; personal data is held for a moderator.
                tenant["rules"] = new { anonymity = new { rule = "fully-anonymous" }, moderation = new[] { new { rule = "personal-data" } } };
                WriteTenant(id, tenant);
            }
        }
    }

    [Fact]
    public async Task An_author_sees_each_contribution_with_its_state_and_the_moderators_reason()
    {
        var (author, _) = await app.MemberAsync("own.test", Roles.Member, "Avery Author");
        var (moderator, _) = await app.MemberAsync("own.test", Roles.Moderator, "Mo Derator");
        var published = await author.PostIdeaAsync(title: "My published idea");
        var anonymous = await author.PostIdeaAsync(title: "My secret anonymous idea", anonymous: true);
        var rejected = await Held(author, "My rejected idea", "Call 07700 900444");
        var waiting = await Held(author, "My waiting idea", "Or 07700 900555");
        var hidden = await author.PostIdeaAsync(title: "My hidden idea");
        var comment = await author.Http.PostAsJsonAsync($"api/v1/ideas/{published}/comments", new { body = "My anonymous comment", anonymous = true });
        comment.StatusCode.Should().Be(HttpStatusCode.Created);
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{rejected}/reject", new { reason = "Please post it again without the phone number." })).EnsureSuccessStatusCode();
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{hidden}/hide", new { reason = "This belongs in another challenge." })).EnsureSuccessStatusCode();

        var response = await author.Http.GetAsync("/account/contributions");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue("the page is private to its member");
        var html = await response.Content.ReadAsStringAsync();
        Regex.Matches(html, "<h1[ >]").Should().HaveCount(1);

        Item(html, $"idea-{published}").Should().Contain("Published").And.Contain($"href=\"/ideas/{published}\"");
        Item(html, $"idea-{anonymous}").Should().Contain("My secret anonymous idea").And.Contain("Posted fully anonymously: nobody else can see it is yours.");
        Item(html, $"idea-{rejected}").Should().Contain("Rejected").And.Contain("Please post it again without the phone number.").And.NotContain("href=\"/ideas/");
        Item(html, $"idea-{waiting}").Should().Contain("Waiting for a moderator").And.NotContain("Reason from the moderator");
        Item(html, $"idea-{hidden}").Should().Contain("Hidden").And.Contain("This belongs in another challenge.");
        var commentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Item(html, $"comment-{commentId}").Should().Contain("Comment on “My published idea”").And.Contain("My anonymous comment")
            .And.Contain("nobody else can see it is yours").And.Contain($"href=\"/ideas/{published}#comment-{commentId}\"");
        html.Should().Contain("href=\"/account/contributions\"", "the header links to the page");
    }

    [Fact]
    public async Task Nobody_else_sees_someone_elses_contributions_anonymous_ones_least_of_all()
    {
        var (author, _) = await app.MemberAsync("own.test", Roles.Member, "Private Person");
        var anonymous = await author.PostIdeaAsync(title: "Anonymous idea nobody can trace", anonymous: true);
        var rejected = await Held(author, "Rejected idea of someone else", "Phone 07700 900666");
        var (moderator, _) = await app.MemberAsync("own.test", Roles.Moderator);
        await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{rejected}/reject", new { reason = "A reason only the author sees" });

        var (other, _) = await app.MemberAsync("own.test", Roles.Member, "Someone Else");
        var theirs = (await other.GetPageAsync("/account/contributions")).Html;
        theirs.Should().Contain("You have not posted any ideas or comments yet.");
        theirs.Should().NotContain("Anonymous idea nobody can trace").And.NotContain("A reason only the author sees").And.NotContain($"id=\"idea-{anonymous}\"");
        (await moderator.GetPageAsync("/account/contributions")).Html.Should().NotContain("Anonymous idea nobody can trace", "not even a moderator");

        var page = (await other.GetPageAsync($"/ideas/{anonymous}")).Html;
        page.Should().Contain("Anonymous idea nobody can trace").And.NotContain("Private Person", "the public idea page names nobody");

        // The same person registered on another tenant has no contributions there.
        var (elsewhere, _) = await app.MemberAsync("ownnhs.test", Roles.Member, "Private Person");
        (await elsewhere.GetPageAsync("/account/contributions")).Html.Should().NotContain("Anonymous idea nobody can trace");

        using var visitor = app.Visit("own.test");
        var signIn = await visitor.Http.GetAsync("/account/contributions");
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.Should().StartWith("/account/signin?returnUrl=%2Faccount%2Fcontributions");
    }

    [Theory]
    [InlineData("ownnhs.test")]
    [InlineData("ownlondon.test")]
    public async Task Every_theme_renders_the_page_with_the_states_and_reasons(string host)
    {
        var (author, _) = await app.MemberAsync(host, Roles.Member, "Theme Author");
        var (moderator, _) = await app.MemberAsync(host, Roles.Moderator);
        var rejected = await Held(author, "Rejected in this theme", "Ring 07700 900777");
        await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{rejected}/reject", new { reason = "Shown in every theme" });

        var (status, html) = await author.GetPageAsync("/account/contributions");
        status.Should().Be(HttpStatusCode.OK);
        Regex.Matches(html, "<h1[ >]").Should().HaveCount(1);
        Item(html, $"idea-{rejected}").Should().Contain("Rejected").And.Contain("Shown in every theme");
        html.Should().Contain("href=\"/account/contributions\"");
    }

    private static async Task<long> Held(Visitor member, string title, string body)
    {
        var response = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title, body, anonymous = false });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static string Item(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        start.Should().BePositive($"the page should list {id}");
        var end = html.IndexOf("</li>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
