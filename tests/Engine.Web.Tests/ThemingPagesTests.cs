using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Web.Tests;

/// <summary>The public side of theming in every shipped theme: big idea pages, the challenge's themes, merged ideas' pages.</summary>
public class ThemingPagesTests(ThemingPagesTests.App app) : IClassFixture<ThemingPagesTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            WriteTenant("nhs", Tenant("nhs", "NHS Ideas", ["nhs.test"], anonymous: true, downVotes: true, theme: "nhs"));
            WriteTenant("london", Tenant("london", "London Ideas", ["london.test"], anonymous: true, downVotes: true, theme: "london"));
        }
    }

    public static readonly TheoryData<string> Hosts = new() { "beta.test", "nhs.test", "london.test" };

    private sealed record Scenario(Visitor Admin, string Slug, long Named, long Anonymous, long Theme, long BigIdea);

    /// <summary>A closed challenge with a named and an anonymous idea in one theme, in one big idea.</summary>
    private async Task<Scenario> ThemedAsync(string host)
    {
        var (admin, _) = await app.MemberAsync(host, Roles.Admin, "Ada Admin");
        var slug = $"c-{Guid.NewGuid():N}"[..20];
        var opens = DateTimeOffset.UtcNow.AddDays(-7);
        (await admin.Http.PostAsJsonAsync("api/v1/admin/challenges", new { slug, title = "Outpatients", description = "Fewer wasted trips", opensAt = opens, closesAt = opens.AddDays(14) }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var (author, _) = await app.MemberAsync(host, Roles.Member, "Secret Nurse");
        var named = await author.PostIdeaAsync("Video appointments by default", challenge: slug);
        var anonymous = await author.PostIdeaAsync("Stop the ward round at visiting time", anonymous: true, challenge: slug);
        (await admin.Http.PutAsJsonAsync($"api/v1/admin/challenges/{slug}", new { title = "Outpatients", description = "Fewer wasted trips", opensAt = opens, closesAt = DateTimeOffset.UtcNow.AddMinutes(-1) }))
            .EnsureSuccessStatusCode();
        var theme = await IdAsync(await admin.Http.PostAsJsonAsync($"api/v1/admin/challenges/{slug}/themes", new { title = "Seeing people closer to home", summary = "Less travel" }));
        foreach (var idea in new[] { named, anonymous })
            (await admin.Http.PostAsJsonAsync($"api/v1/admin/themes/{theme}/ideas", new { ideaId = idea })).EnsureSuccessStatusCode();
        var bigIdea = await IdAsync(await admin.Http.PostAsJsonAsync($"api/v1/admin/challenges/{slug}/big-ideas",
            new { title = "Outpatients at home", summary = "One virtual clinic", description = "# Plan\n\n- **Virtual** first\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1))" }));
        (await admin.Http.PutAsJsonAsync($"api/v1/admin/themes/{theme}/big-idea", new { bigIdeaId = bigIdea })).EnsureSuccessStatusCode();
        author.Dispose();
        return new Scenario(admin, slug, named, anonymous, theme, bigIdea);
    }

    private static async Task<long> IdAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_big_idea_page_lists_every_source_idea_with_links_and_never_names_an_anonymous_author(string host)
    {
        var s = await ThemedAsync(host);
        using var visitor = app.Visit(host);

        var (status, html) = await visitor.GetPageAsync($"/big-ideas/{s.BigIdea}");
        status.Should().Be(HttpStatusCode.OK);
        Regex.Matches(html, "<h1[ >]").Should().HaveCount(1);
        html.Should().Contain("Outpatients at home").And.Contain("One virtual clinic").And.Contain("Seeing people closer to home");
        html.Should().Contain($"href=\"/ideas/{s.Named}\"").And.Contain($"href=\"/ideas/{s.Anonymous}\"");
        html.Should().Contain("<strong>Virtual</strong>", "the description is Markdown").And.Contain("<h3>Plan</h3>", "headings start below the page's own");
        html.Should().NotContain("<script>alert").And.NotContain("javascript:alert");
        html.Should().Contain("Secret Nurse", "the named idea shows its author");
        var anonymousItem = Regex.Match(html, $"href=\"/ideas/{s.Anonymous}\".*?</li>", RegexOptions.Singleline).Value;
        anonymousItem.Should().Contain("Posted anonymously").And.NotContain("Secret Nurse");

        var overview = await visitor.GetPageAsync($"/challenges/{s.Slug}/big-ideas");
        overview.Status.Should().Be(HttpStatusCode.OK);
        overview.Html.Should().Contain($"href=\"/big-ideas/{s.BigIdea}\"").And.Contain($"id=\"theme-{s.Theme}\"");
        Regex.Match(overview.Html, $"href=\"/ideas/{s.Anonymous}\".*?</li>", RegexOptions.Singleline).Value.Should().NotContain("Secret Nurse");
        (await visitor.GetPageAsync($"/challenges/{s.Slug}")).Html.Should().Contain($"href=\"/challenges/{s.Slug}/big-ideas\"", "the closed challenge links to what it became");

        var idea = (await visitor.GetPageAsync($"/ideas/{s.Anonymous}")).Html;
        idea.Should().Contain("What this idea feeds into").And.Contain($"href=\"/big-ideas/{s.BigIdea}\"").And.Contain($"/challenges/{s.Slug}/big-ideas#theme-{s.Theme}");
        idea.Should().NotContain("Secret Nurse");
        idea.Should().Contain("Shortlisted as a big idea");
        s.Admin.Dispose();
    }

    [Fact]
    public async Task Another_tenants_big_idea_is_not_found_here()
    {
        var s = await ThemedAsync("beta.test");
        using var elsewhere = app.Visit("alpha.test");
        (await elsewhere.GetPageAsync($"/big-ideas/{s.BigIdea}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await elsewhere.GetPageAsync("/big-ideas/999999")).Status.Should().Be(HttpStatusCode.NotFound);
        s.Admin.Dispose();
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Once_a_challenge_has_closed_its_idea_pages_offer_the_team_alone_a_form_for_the_official_response(string host)
    {
        var scenario = await ThemedAsync(host);
        var (member, _) = await app.MemberAsync(host, Roles.Member, "Late Reader");
        (await member.GetPageAsync($"/ideas/{scenario.Named}")).Html.Should().NotContain("class=\"answer-form\"");
        (await scenario.Admin.GetPageAsync($"/ideas/{scenario.Named}")).Html.Should().Contain("class=\"answer-form\"");

        var answer = await scenario.Admin.SubmitAsync($"/ideas/{scenario.Named}", $"/ideas/{scenario.Named}/comments",
            new() { ["body"] = "Thank you: this became part of a big idea.", ["official"] = "true" });
        answer.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await member.GetPageAsync($"/ideas/{scenario.Named}")).Html.Should().Contain("Thank you: this became part of a big idea.");
        member.Dispose();
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_merged_ideas_page_points_to_the_kept_idea_keeps_its_comments_and_offers_no_votes(string host)
    {
        var (admin, _) = await app.MemberAsync(host, Roles.Admin, "Ada Admin");
        var (member, _) = await app.MemberAsync(host, Roles.Member, "Mo Member");
        var kept = await member.PostIdeaAsync("Keep this one about parking");
        var duplicate = await member.PostIdeaAsync("Merge this one about parking", anonymous: true);
        (await member.Http.PostAsJsonAsync($"api/v1/ideas/{duplicate}/comments", new { body = "A comment worth keeping." })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.Http.PostAsJsonAsync($"api/v1/admin/ideas/{duplicate}/merge", new { into = kept })).EnsureSuccessStatusCode();

        var (status, html) = await member.GetPageAsync($"/ideas/{duplicate}");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("This idea was merged into").And.Contain($"href=\"/ideas/{kept}\"").And.Contain("A comment worth keeping.");
        html.Should().NotContain($"action=\"/ideas/{duplicate}/vote\"", "a merged idea takes no votes").And.NotContain($"action=\"/ideas/{duplicate}/comments\"");
        html.Should().NotContain("is closed", "the challenge is open: only this idea is");

        var keptHtml = (await member.GetPageAsync($"/ideas/{kept}")).Html;
        keptHtml.Should().Contain("Ideas merged into this one").And.Contain($"href=\"/ideas/{duplicate}\"").And.Contain("1 comment");
        keptHtml.Should().Contain($"action=\"/ideas/{kept}/vote\"");
        (await member.GetPageAsync("/challenges/waiting-well")).Html.Should().NotContain($"href=\"/ideas/{duplicate}\"", "merged ideas leave the list");

        var refused = await member.SubmitAsync($"/ideas/{kept}", $"/ideas/{duplicate}/vote", new() { ["value"] = "1" });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).Should().Contain("merged into “Keep this one about parking”");
        admin.Dispose();
        member.Dispose();
    }
}
