using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Challenges;
using Engine.Core.Ideas;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Insight;

/// <summary>The public roadmap: stages from themed to scale and spread, with big ideas and ideas, anonymity kept.</summary>
public sealed class RoadmapTests(InsightApp app) : IClassFixture<InsightApp>
{
    private async Task<long> IdeaAsync(string tenant, string slug, long author, string title, bool anonymous = false, ModerationState state = ModerationState.Published)
    {
        var challenge = (await app.Services.GetRequiredService<IChallengeStore>().FindBySlugAsync(tenant, slug))!;
        // Straight into the store: the challenge closed long ago, as it has by the time ideas are themed.
        return await app.Services.GetRequiredService<IIdeaStore>().AddAsync(tenant, challenge.Id,
            new Admission(new Authorship(author, null, anonymous), state, state == ModerationState.Held ? "a rule" : null), new NewIdea(title, "Body"), DateTimeOffset.UtcNow.AddDays(-350));
    }

    private static async Task<long> CreatedIdAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.OK], await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>The part of the page for one stage.</summary>
    private static string Stage(string html, string key)
    {
        var start = html.IndexOf($"<section id=\"stage-{key}\"", StringComparison.Ordinal);
        if (start < 0) start = html.IndexOf($"<section class=\"roadmap-stage\" id=\"stage-{key}\"", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"the page has a {key} stage");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Each_stage_lists_its_big_ideas_and_ideas_and_an_anonymous_idea_shows_no_author()
    {
        var (manager, _) = await app.MemberAsync("beta.test", Roles.CommunityManager, "Cara Manager");
        var (_, rosa) = await app.MemberAsync("beta.test", Roles.Member, "Rosa Secret");
        var (_, nia) = await app.MemberAsync("beta.test", Roles.Member, "Nia Named");
        var anonymous = await IdeaAsync("beta", "last-year", rosa, "Anonymous roadmap idea", anonymous: true);
        var named = await IdeaAsync("beta", "last-year", nia, "Named roadmap idea");
        var onlyThemed = await IdeaAsync("beta", "last-year", nia, "Only themed idea");
        var held = await IdeaAsync("beta", "last-year", nia, "Held roadmap idea", state: ModerationState.Held);

        var theme = await CreatedIdAsync(await manager.Http.PostAsJsonAsync("api/v1/admin/challenges/last-year/themes", new { title = "Waiting rooms" }));
        foreach (var idea in new[] { anonymous, named })
            (await manager.Http.PostAsJsonAsync($"api/v1/admin/themes/{theme}/ideas", new { ideaId = idea })).StatusCode.Should().Be(HttpStatusCode.OK);
        var other = await CreatedIdAsync(await manager.Http.PostAsJsonAsync("api/v1/admin/challenges/last-year/themes", new { title = "Parking" }));
        (await manager.Http.PostAsJsonAsync($"api/v1/admin/themes/{other}/ideas", new { ideaId = onlyThemed })).StatusCode.Should().Be(HttpStatusCode.OK);
        var bigIdea = await CreatedIdAsync(await manager.Http.PostAsJsonAsync("api/v1/admin/challenges/last-year/big-ideas", new { title = "Calmer waiting", summary = "Rooms people can wait in." }));
        (await manager.Http.PutAsJsonAsync($"api/v1/admin/themes/{theme}/big-idea", new { bigIdeaId = bigIdea })).StatusCode.Should().Be(HttpStatusCode.OK);

        using var visitor = app.Visit("beta.test");
        var (_, before) = await visitor.GetPageAsync("/roadmap");
        Stage(before, "shortlisted").Should().Contain("Calmer waiting").And.Contain("Anonymous roadmap idea").And.Contain("Named roadmap idea");
        Stage(before, "themed").Should().Contain("Only themed idea");

        var moved = await manager.Http.PutAsJsonAsync($"api/v1/admin/big-ideas/{bigIdea}/stage", new { stage = "prototyping" });
        moved.StatusCode.Should().Be(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stage").GetString().Should().Be("prototyping");

        var (status, html) = await visitor.GetPageAsync("/roadmap");
        status.Should().Be(HttpStatusCode.OK);
        var prototyping = Stage(html, "prototyping");
        prototyping.Should().Contain("Calmer waiting").And.Contain($"href=\"/big-ideas/{bigIdea}\"")
            .And.Contain("Anonymous roadmap idea").And.Contain("Named roadmap idea").And.Contain("By Nia Named");
        Stage(html, "shortlisted").Should().NotContain("Calmer waiting");
        Stage(html, "themed").Should().Contain("Only themed idea");
        html.Should().NotContain("Rosa Secret", "an anonymous idea never shows its author").And.NotContain("Held roadmap idea");
        var anonymousItem = prototyping[prototyping.IndexOf("Anonymous roadmap idea", StringComparison.Ordinal)..];
        anonymousItem[..anonymousItem.IndexOf("</li>", StringComparison.Ordinal)].Should().Contain("Posted anonymously");

        // Each idea moved with its big idea, as a status change (which is what tells its followers).
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{named}")).GetProperty("status").GetString().Should().BeOneOf("prototyping", "Prototyping");
        var (auditor, _) = await app.MemberAsync("beta.test", Roles.Admin);
        (await auditor.GetPageAsync("/admin/audit?action=big-idea.stage")).Html.Should().Contain($"big idea {bigIdea}");
        _ = held;
        manager.Dispose();
        auditor.Dispose();
    }

    [Fact]
    public async Task A_big_idea_stage_must_be_one_of_the_roadmaps()
    {
        var (manager, _) = await app.MemberAsync("beta.test", Roles.CommunityManager);
        var bigIdea = await CreatedIdAsync(await manager.Http.PostAsJsonAsync("api/v1/admin/challenges/last-year/big-ideas", new { title = "Another big idea" }));
        var response = await manager.Http.PutAsJsonAsync($"api/v1/admin/big-ideas/{bigIdea}/stage", new { stage = "submitted" });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(response)).GetProperty("errors").TryGetProperty("stage", out _).Should().BeTrue();
        var (member, _) = await app.MemberAsync("beta.test", Roles.Member);
        (await member.Http.PutAsJsonAsync($"api/v1/admin/big-ideas/{bigIdea}/stage", new { stage = "testing" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        manager.Dispose();
        member.Dispose();
    }

    [Fact]
    public async Task An_empty_roadmap_names_every_stage_in_every_theme()
    {
        foreach (var host in new[] { "alpha.test", "held.test" })
        {
            using var visitor = app.Visit(host);
            var (status, html) = await visitor.GetPageAsync("/roadmap");
            status.Should().Be(HttpStatusCode.OK);
            foreach (var name in new[] { "Themed", "Big idea", "Prototyping", "Testing", "Scale and spread" }) html.Should().Contain(name);
        }
    }
}
