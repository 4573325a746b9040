using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests;

/// <summary>A plugin's refusals in the member's language, from the plugin's own catalogues, on the page and in the API.</summary>
public partial class PluginRulesTests
{
    private const string WelshBudgetRefusal =
        "Rydych chi wedi defnyddio pob un o'ch 1 pleidlais yn yr her hon: tynnwch un yn ôl i bleidleisio dros syniad arall.";

    [Fact]
    public async Task A_welsh_site_words_a_plugins_refusal_in_welsh_on_the_page_and_in_the_api_and_in_english_for_english()
    {
        using var author = await Member("budget-cy");
        var ideas = new[] { await author.PostIdeaAsync(title: "Syniad cyntaf"), await author.PostIdeaAsync(title: "Ail syniad") };
        using var voter = await Member("budget-cy");
        (await Vote(voter, ideas[0], 1)).StatusCode.Should().Be(HttpStatusCode.OK);

        var refused = await Vote(voter, ideas[1], 1);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await Visitor.ProblemAsync(refused);
        problem.GetProperty("detail").GetString().Should().Be(WelshBudgetRefusal);
        problem.GetProperty("errors").GetProperty("value")[0].GetString().Should().Be(WelshBudgetRefusal);

        // Without script: the page that refuses the vote says why, in Welsh.
        var page = await voter.SubmitAsync($"/ideas/{ideas[1]}", $"/ideas/{ideas[1]}/vote", new() { ["value"] = "1" });
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).Should().Contain(WelshBudgetRefusal).And.NotContain("You have used all");

        // The same member, asking for English, is refused in the plugin's English words.
        (await voter.GetPageAsync("/?lang=en")).Status.Should().Be(HttpStatusCode.OK);
        (await Refusal(await Vote(voter, ideas[1], 1))).Should().Be("You have used all 1 of your votes in this challenge: take one back to vote for another idea.");
    }

    [Fact]
    public async Task A_welsh_site_shows_the_budgets_allowance_in_welsh_on_the_page_and_in_the_api_and_in_english_for_english()
    {
        using var author = await Member("budget-cy");
        var idea = await author.PostIdeaAsync(title: "Syniad i bleidleisio drosto");
        using var voter = await Member("budget-cy");
        var before = WebUtility.HtmlDecode((await voter.GetPageAsync("/challenges/waiting-well")).Html);
        before.Should().Contain("1 o 1 pleidlais ar ôl").And.NotContain("votes left");

        var voted = await Vote(voter, idea, 1);
        voted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await voted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowance").GetString()
            .Should().Be("Dim pleidleisiau ar ôl: tynnwch un yn ôl i bleidleisio dros syniad arall");
        WebUtility.HtmlDecode((await voter.GetPageAsync($"/ideas/{idea}")).Html).Should().Contain("Dim pleidleisiau ar ôl");

        // The same member, asking for English, reads the plugin's English words.
        WebUtility.HtmlDecode((await voter.GetPageAsync($"/ideas/{idea}?lang=en")).Html).Should().Contain("No votes left: take one back");
    }

    [Fact]
    public async Task A_welsh_site_shows_the_quorums_labels_in_welsh_on_the_page_and_in_the_api()
    {
        using var author = await Member("quorum-cy");
        var idea = await author.PostIdeaAsync(title: "Syniad ar y ffordd i'r rhestr fer");
        (await Vote(author, idea, 1)).StatusCode.Should().Be(HttpStatusCode.OK);

        WebUtility.HtmlDecode((await author.GetPageAsync("/challenges/waiting-well")).Html).Should().Contain("Angen 1 bleidlais arall").And.NotContain("more vote");
        (await author.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")).GetProperty("label").GetString().Should().Be("Angen 1 bleidlais arall");

        using var voter = await Member("quorum-cy");
        (await Vote(voter, idea, 1)).StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode((await voter.GetPageAsync($"/ideas/{idea}")).Html).Should().Contain("Ar y rhestr fer");
        (await voter.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}?lang=en")).GetProperty("label").GetString().Should().Be("Shortlisted");
    }

    [Fact]
    public async Task A_welsh_site_refuses_anonymous_posting_in_the_policys_welsh_words()
    {
        using var author = await Member("named-cy");
        var refused = await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Syniad dienw", body = "Heb fy enw.", anonymous = true });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString()
            .Should().Be("Mae'r safle hwn yn dangos enw pob cyfrannwr: nid yw postio'n ddienw ar gael.");
    }

    [Fact]
    public async Task A_welsh_site_rejects_a_listed_word_in_the_word_lists_welsh_words_on_the_page_and_in_the_api()
    {
        using var author = await Member("words-cy");
        var refused = await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Syniad gwael", body = "This is rubbish." });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        const string welsh = "Mae'n cynnwys “rubbish”, sydd ar restr y safle hwn o eiriau nad ydynt yn cael eu caniatáu";
        (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Be(welsh);

        var page = await author.SubmitAsync("/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "Syniad gwael", ["body"] = "This is rubbish." });
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.Should().Contain(welsh).And.Contain("lang=\"cy").And.NotContain("list of words that are not allowed");

        // The same member, asking for English, reads the plugin's English words.
        (await author.GetPageAsync("/?lang=en")).Status.Should().Be(HttpStatusCode.OK);
        var english = await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "A poor idea", body = "This is rubbish." });
        (await Visitor.ProblemAsync(english)).GetProperty("detail").GetString()
            .Should().Be("Contains \"rubbish\", which is on this site's list of words that are not allowed");
    }

    [Fact]
    public async Task A_welsh_admin_reads_every_shipped_plugins_rules_and_settings_in_welsh_and_what_did_not_load_framed_in_welsh()
    {
        var (admin, _) = await app.MemberAsync("words-cy.test", Roles.Admin, "Ceri Admin");
        var (status, html) = await admin.GetPageAsync("/admin/settings/rules");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("<html lang=\"cy\"");
        var text = WebUtility.HtmlDecode(html);
        using (new FluentAssertions.Execution.AssertionScope())
        {
            var shipped = Directory.GetDirectories(Path.Combine(TestRepository.Root, "plugins")).Where(d => Directory.GetFiles(d, "*.csproj").Length > 0).ToList();
            shipped.Should().HaveCountGreaterThan(10);
            foreach (var folder in shipped)
            {
                var manifest = Engine.Plugins.Manifest.ManifestReader.Read(folder).Manifest!;
                var welsh = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(Path.Combine(folder, "locales", "cy.json")))!;
                string Welsh(string key) => welsh[$"plugin.{manifest.Id}.{key}"].GetString()!;
                foreach (var rule in manifest.Rules.Where(r => r.Kind != Engine.Plugins.Manifest.RuleKind.Events))
                {
                    var id = $"{rule.Kind.ToString().ToLowerInvariant()}-{rule.Name}";
                    Part(text, $"for=\"{id}\"", "</label>").Should().Contain(Welsh("name")).And.NotContain("lang=\"en\"", $"{manifest.Id}'s name is in Welsh");
                    Part(text, $"id=\"{id}-hint\"", "</div>").Should().Contain(Welsh($"rule.{rule.Name}")).And.NotContain("lang=\"en\"");
                    foreach (var (name, setting) in rule.Settings)
                    {
                        Part(text, $"for=\"{id}-{name}\"", "</label>").Should().Contain(Welsh($"setting.{rule.Name}.{name}")).And.NotContain("lang=\"en\"");
                        Part(text, $"id=\"{id}-{name}-hint\"", "</div>").Should().Contain(Welsh($"setting.{rule.Name}.{name}.hint").TrimEnd('.')).And.NotContain("lang=\"en\"");
                        foreach (var choice in setting.Choices ?? [])
                            text.Should().Contain($"<option value=\"{choice}\"").And.Contain($">{Welsh($"setting.{rule.Name}.{name}.choice.{choice}")}</option>");
                    }
                }
            }
            text.Should().NotMatchRegex("<option [^>]*lang=\"en\"", "every choice of a shipped plugin's setting is worded");
            // A plugin without catalogues (a test plugin here) still shows its manifest's English, marked as English.
            text.Should().Contain("<span lang=\"en\">Misbehaving rules (tests only)</span>");
            // What did not load: the list's framing in Welsh, each problem as the engine logged it, marked as English.
            text.Should().Contain("Ategion na wnaethant lwytho").And.Contain("Cafodd yr ategion hyn eu gwrthod").And.Contain("Dangosir pob problem fel y'i cofnodwyd")
                .And.MatchRegex("<li><code>unreadable</code>: <span lang=\"en\">[^<]*plugin.json[^<]*</span></li>");
        }
        admin.Dispose();
    }

    private const string WelshLinksHold = "Mae ganddo 2 dolen; mae'r safle hwn yn dal postiadau â mwy na 1 i gymedrolwr";

    [Fact]
    public async Task A_welsh_moderator_reads_why_a_rule_held_a_post_in_welsh_on_the_queue_and_in_the_api_and_an_english_one_in_english()
    {
        using var author = await Member("links-cy");
        (await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas",
            new { title = "Dolenni defnyddiol", body = "Gweler https://example.org/un a https://example.org/dau" })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var (moderator, _) = await app.MemberAsync("links-cy.test", Roles.Moderator, "Morgan Cymedrolwr");
        using var _ = moderator;
        var (status, html) = await moderator.GetPageAsync("/admin/moderation");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("<html lang=\"cy\"");
        // The rule held it by a key in its catalogues, stored with its values: worded in the moderator's language, so not marked English.
        WebUtility.HtmlDecode(html).Should().Contain($"<span>{WelshLinksHold}</span>").And.NotContain("Has 2 links");
        var queue = await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/queue");
        queue.EnumerateArray().Should().ContainSingle().Which.GetProperty("reason").GetString().Should().Be(WelshLinksHold);

        var english = WebUtility.HtmlDecode((await moderator.GetPageAsync("/admin/moderation?lang=en")).Html);
        english.Should().Contain("<span>Has 2 links; this site holds posts with more than 1 for a moderator</span>").And.NotContain(WelshLinksHold);
    }

    [Fact]
    public async Task When_a_moderation_rule_fails_a_welsh_moderator_reads_the_engines_hold_reason_in_welsh()
    {
        using var author = await Member("throwing-cy");
        (await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas",
            new { title = "Syniad da iawn", body = "Testun y syniad." })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var (moderator, _) = await app.MemberAsync("throwing-cy.test", Roles.Moderator, "Morgan Cymedrolwr");
        using var _ = moderator;
        var html = WebUtility.HtmlDecode((await moderator.GetPageAsync("/admin/moderation")).Html);
        html.Should().Contain("<span>Ni allai'r rheol gymedroli 'throwing-moderation' wirio'r cyfraniad hwn.</span>").And.NotContain("could not check");
    }

    /// <summary>The page from <paramref name="start"/> to the next <paramref name="end"/>: one label or hint.</summary>
    private static string Part(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        from.Should().BeGreaterThanOrEqualTo(0, $"the page has {start}");
        return from < 0 ? "" : html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
