using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Web.Tests.Admin;

/// <summary>
/// The site's rules and one challenge's own settings, chosen by an admin through the generated forms
/// and the API, in force on the very next request, audited, and layered over tenant.json.
/// </summary>
public partial class RulesAdminTests(RulesAdminTests.App app) : IClassFixture<RulesAdminTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            // One tenant per test, so a rule change cannot surprise another test.
            foreach (var id in new[] { "form", "voting", "invalid", "moderation", "anonymity", "reset", "challenge", "challenge-api", "api" })
                WriteTenant(id, Tenant(id, $"{id} site", [$"{id}.test"], anonymous: true, downVotes: true));
            var anonymity = Tenant("anonymity", "anonymity site", ["anonymity.test"], anonymous: true, downVotes: true);
            anonymity["rules"] = new { anonymity = new { rule = "anonymous-to-public" } };
            WriteTenant("anonymity", anonymity);
            var broken = Tenant("broken", "broken site", ["broken.test"], anonymous: true, downVotes: true);
            broken["rules"] = new { voting = new { rule = "removed-plugin-rule" } };
            WriteTenant("broken", broken);
            var reset = Tenant("reset", "reset site", ["reset.test"], anonymous: true, downVotes: true);
            reset["rules"] = new { moderation = new[] { new { rule = "personal-data" } } };
            WriteTenant("reset", reset);
        }
    }

    private Task<(Visitor Visitor, long Id)> With(string site, string role, string name = "Ada Admin") => app.MemberAsync($"{site}.test", role, name);

    private static async Task<HttpResponseMessage> SubmitAsync(Visitor visitor, string page, Dictionary<string, string[]> fields, string? action = null)
    {
        var (_, html) = await visitor.GetPageAsync(page);
        var token = Token().Match(html);
        token.Success.Should().BeTrue();
        var all = fields.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v)))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await visitor.Http.PostAsync(action ?? page, new FormUrlEncodedContent(all));
    }

    private static Task<HttpResponseMessage> Vote(Visitor v, long idea) => v.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 });

    [Fact]
    public async Task The_rules_form_is_generated_from_each_plugins_settings_schema_with_labels_hints_and_defaults()
    {
        var (admin, _) = await With("form", Roles.Admin);
        var (status, html) = await admin.GetPageAsync("/admin/settings/rules");
        status.Should().Be(HttpStatusCode.OK);
        // int -> a numeric text input with the range and default in its hint
        // The plugin's words (from its catalogue, so in the page's language: no lang of their own), then the engine's.
        html.Should().MatchRegex("<label class=\"nhsuk-label\" for=\"voting-budget-votes\"><span>Votes</span></label>\\s*<div class=\"nhsuk-hint\" id=\"voting-budget-votes-hint\"><span>How many ideas each member can vote for in a challenge.</span> A whole number from 1 to 100. Default: 5.</div>");
        html.Should().MatchRegex("<input class=\"nhsuk-input nhsuk-input--width-4\" id=\"voting-budget-votes\" name=\"voting.budget.votes\" type=\"text\" inputmode=\"numeric\"[^>]*value=\"5\"");
        // list -> a textarea, one per line; enum -> a select of its choices
        html.Should().MatchRegex("<textarea class=\"nhsuk-textarea\" id=\"moderation-word-list-words\" name=\"moderation.word-list.words\"");
        html.Should().Contain("<span>Words or phrases that are not allowed.</span> One per line.");
        // The choices' values are the manifest's; their words, the plugin's catalogue's.
        html.Should().MatchRegex("<select class=\"nhsuk-select\" id=\"moderation-word-list-action\" name=\"moderation.word-list.action\"[^>]*>\\s*<option value=\"hold\" selected=\"selected\">Hold for a moderator</option>\\s*<option value=\"reject\">Reject and tell the author why</option>");
        // bool -> a checkbox, ticked by its default
        html.Should().MatchRegex("<input class=\"nhsuk-checkboxes__input\" id=\"moderation-personal-data-nhsNumbers\" name=\"moderation.personal-data.nhsNumbers\" type=\"checkbox\" value=\"true\" checked=\"checked\"");
        // A label from the plugin's catalogue rather than its setting's name ("nhsNumbers"), and its name in the page's language.
        html.Should().Contain("<label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"moderation-personal-data-nhsNumbers\"><span>NHS numbers</span></label>");
        html.Should().Contain("<code>personal-data</code> <span class=\"nhsuk-u-visually-hidden\">rule</span>(<span>Personal data</span>)");
        // every loaded rule of each kind is offered, built-in first
        foreach (var rule in new[] { "voting-built-in", "voting-budget", "voting-points", "voting-thumbs", "anonymity-named", "anonymity-fully-anonymous", "moderation-first-posts", "moderation-report-threshold" })
            html.Should().Contain($"id=\"{rule}\"");
        html.Should().MatchRegex("<input class=\"nhsuk-radios__input\" id=\"voting-built-in\" name=\"voting\" type=\"radio\" value=\"built-in\" checked=\"checked\"");
        html.Should().Contain("stay anonymous", "the anonymity policy says what a change means for past posts");
        admin.Dispose();
    }

    [Fact]
    public async Task Choosing_a_vote_budget_in_the_form_applies_on_the_next_vote_and_a_new_setting_applies_at_once()
    {
        var (admin, _) = await With("voting", Roles.Admin);
        var (author, _) = await With("voting", Roles.Member, "Author");
        var (voter, _) = await With("voting", Roles.Member, "Voter");
        var ideas = new[] { await author.PostIdeaAsync(title: "Idea number one"), await author.PostIdeaAsync(title: "Idea number two") };
        (await Vote(voter, ideas[0])).StatusCode.Should().Be(HttpStatusCode.OK, "the built-in rule has no budget");

        var save = await SubmitAsync(admin, "/admin/settings/rules", new() { ["voting"] = ["budget"], ["voting.budget.votes"] = ["1"], ["anonymity"] = ["built-in"] });
        save.StatusCode.Should().Be(HttpStatusCode.Redirect, await save.Content.ReadAsStringAsync());
        var refused = await Vote(voter, ideas[1]);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "one vote in the challenge, already spent");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("take one back");

        var page = (await admin.GetPageAsync("/admin/settings/rules")).Html;
        page.Should().Contain("Rules saved").And.MatchRegex("id=\"voting-budget\"[^>]*checked=\"checked\"").And.MatchRegex("id=\"voting-budget-votes\"[^>]*value=\"1\"");

        await SubmitAsync(admin, "/admin/settings/rules", new() { ["voting"] = ["budget"], ["voting.budget.votes"] = ["2"], ["anonymity"] = ["built-in"] });
        (await Vote(voter, ideas[1])).StatusCode.Should().Be(HttpStatusCode.OK, "the budget is now two");

        var audit = (await admin.GetPageAsync("/admin/audit?action=setting.changed")).Html;
        audit.Should().Contain("rules.voting").And.Contain("built in -&gt; budget (votes: 1)").And.Contain("budget (votes: 1) -&gt; budget (votes: 2)");
        admin.Dispose(); author.Dispose(); voter.Dispose();
    }

    [Fact]
    public async Task An_invalid_setting_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var (admin, _) = await With("invalid", Roles.Admin);
        var response = await SubmitAsync(admin, "/admin/settings/rules", new()
        {
            ["voting"] = ["budget"], ["voting.budget.votes"] = ["0"], ["anonymity"] = ["built-in"],
            ["moderation"] = ["word-list"], ["moderation.word-list.words"] = ["rubbish"], ["moderation.word-list.action"] = ["reject"],
        });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<title>Error: Rules").And.Contain("href=\"#voting-budget-votes\"").And.Contain("The setting &#x27;votes&#x27; must be at least 1, not 0.");
        html.Should().MatchRegex("<input class=\"nhsuk-input nhsuk-input--width-4 nhsuk-input--error\" id=\"voting-budget-votes\"[^>]*value=\"0\"", "what was typed is kept");
        html.Should().MatchRegex("id=\"moderation-word-list\"[^>]*checked=\"checked\"");

        var words = await SubmitAsync(admin, "/admin/settings/rules", new()
        {
            ["voting"] = ["budget"], ["voting.budget.votes"] = ["many"], ["anonymity"] = ["built-in"],
        });
        (await words.Content.ReadAsStringAsync()).Should().Contain("must be a whole number");
        var action = await SubmitAsync(admin, "/admin/settings/rules", new()
        {
            ["voting"] = ["built-in"], ["anonymity"] = ["built-in"], ["moderation"] = ["word-list"], ["moderation.word-list.action"] = ["delete"],
        });
        action.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await action.Content.ReadAsStringAsync()).Should().Contain("href=\"#moderation-word-list-action\"").And.Contain("must be one of hold, reject");

        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/settings/rules")).GetProperty("overridden").GetBoolean().Should().BeFalse();
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=setting.changed")).GetArrayLength().Should().Be(0);
        admin.Dispose();
    }

    [Fact]
    public async Task Moderation_rules_run_in_the_order_the_admin_gives_with_their_settings()
    {
        var (admin, _) = await With("moderation", Roles.Admin);
        var (member, _) = await With("moderation", Roles.Member, "Member");
        var save = await SubmitAsync(admin, "/admin/settings/rules", new()
        {
            ["voting"] = ["built-in"], ["anonymity"] = ["built-in"],
            ["moderation"] = ["word-list", "personal-data"],
            ["moderation.word-list.position"] = ["2"], ["moderation.word-list.words"] = ["rubbish\r\nnonsense"], ["moderation.word-list.action"] = ["reject"],
            ["moderation.personal-data.position"] = ["1"], ["moderation.personal-data.nhsNumbers"] = ["true"], ["moderation.personal-data.phoneNumbers"] = ["true"],
        });
        save.StatusCode.Should().Be(HttpStatusCode.Redirect, await save.Content.ReadAsStringAsync());

        var rules = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/settings/rules");
        var moderation = rules.GetProperty("rules").GetProperty("moderation");
        moderation.EnumerateArray().Select(m => m.GetProperty("rule").GetString()).Should().Equal("personal-data", "word-list");
        moderation[1].GetProperty("settings").GetProperty("words").EnumerateArray().Select(w => w.GetString()).Should().Equal("rubbish", "nonsense");
        moderation[0].GetProperty("settings").GetProperty("emailAddresses").GetBoolean().Should().BeFalse("an unticked box is off");

        var rejected = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "This is rubbish", body = "Utter nonsense here.", anonymous = false });
        rejected.StatusCode.Should().NotBe(HttpStatusCode.Created, "the word list rejects it at once");
        // Personal data runs first: a post with both a phone number and a listed word is held, not rejected.
        var both = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Rubbish phones", body = "Ring 07700 900456 about this rubbish.", anonymous = false });
        both.StatusCode.Should().Be(HttpStatusCode.Accepted, await both.Content.ReadAsStringAsync());
        (await both.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moderation").GetString().Should().Be("held");
        var queue = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/queue");
        queue.EnumerateArray().Should().Contain(q => q.GetProperty("title").GetString() == "Rubbish phones");
        (await admin.GetPageAsync("/admin/settings")).Html.Should().Contain("Chosen by an admin").And.Contain("personal-data");
        admin.Dispose(); member.Dispose();
    }

    [Fact]
    public async Task Changing_the_anonymity_policy_to_named_never_re_exposes_past_anonymous_posts()
    {
        var (admin, _) = await With("anonymity", Roles.Admin);
        var (author, _) = await With("anonymity", Roles.Member, "Nadia Nurse");
        var idea = await author.PostIdeaAsync(title: "Ward rota is unsafe", body: "Said anonymously.", anonymous: true);
        (await author.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "And an anonymous comment.", anonymous = true })).StatusCode.Should().Be(HttpStatusCode.Created);

        var page = (await admin.GetPageAsync("/admin/settings/rules")).Html;
        page.Should().Contain("Choosing a named policy never puts names on past anonymous posts");
        var save = await SubmitAsync(admin, "/admin/settings/rules", new() { ["voting"] = ["built-in"], ["anonymity"] = ["named"] });
        save.StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var visitor = app.Visit("anonymity.test");
        var html = (await visitor.GetPageAsync($"/ideas/{idea}")).Html;
        html.Should().Contain("Posted anonymously").And.NotContain("Nadia Nurse");
        html.Should().Contain("And an anonymous comment.");
        (await visitor.Http.GetStringAsync($"api/v1/ideas/{idea}")).Should().Contain("And an anonymous comment.").And.NotContain("Nadia", "the idea and its comments stay anonymous");
        // New posts follow the new policy: asking to be anonymous is refused with its reason.
        var refused = await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Another anonymous idea", body = "Body text.", anonymous = true });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Contain("anonymous");
        (await admin.GetPageAsync("/admin/audit?action=setting.changed")).Html.Should().Contain("rules.anonymity").And.Contain("anonymous-to-public -&gt; named");
        admin.Dispose(); author.Dispose();
    }

    [Fact]
    public async Task A_rule_choice_that_cannot_be_honoured_is_shown_to_the_admin_who_can_replace_it()
    {
        var (admin, _) = await With("broken", Roles.Admin);
        var (member, _) = await With("broken", Roles.Member, "Member");
        var idea = await member.PostIdeaAsync();
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "voting fails safe");

        var html = (await admin.GetPageAsync("/admin/settings/rules")).Html;
        Regex.Match(html, "<div class=\"nhsuk-warning-callout\" id=\"rule-problems\">.*?</div>", RegexOptions.Singleline).Value
            .Should().Contain("there is no voting rule named &#x27;removed-plugin-rule&#x27;");
        await SubmitAsync(admin, "/admin/settings/rules", new() { ["voting"] = ["thumbs"], ["anonymity"] = ["built-in"] });
        (await admin.GetPageAsync("/admin/settings/rules")).Html.Should().NotContain("id=\"rule-problems\"");
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK, "the admin's choice works at once");
        admin.Dispose(); member.Dispose();
    }

    [Fact]
    public async Task Resetting_goes_back_to_the_rules_in_tenant_json()
    {
        var (admin, _) = await With("reset", Roles.Admin);
        await SubmitAsync(admin, "/admin/settings/rules", new() { ["voting"] = ["built-in"], ["anonymity"] = ["built-in"] });
        var rules = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/settings/rules");
        rules.GetProperty("rules").GetProperty("moderation").GetArrayLength().Should().Be(0, "the admin ticked no moderation rule");
        (await admin.GetPageAsync("/admin/settings/rules")).Html.Should().Contain("tenant.json chose").And.Contain("Use the rules in tenant.json again");

        (await SubmitAsync(admin, "/admin/settings/rules", [], "/admin/settings/rules?handler=Reset")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        rules = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/settings/rules");
        rules.GetProperty("overridden").GetBoolean().Should().BeFalse();
        rules.GetProperty("rules").GetProperty("moderation")[0].GetProperty("rule").GetString().Should().Be("personal-data");
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=setting.reset")).GetArrayLength().Should().Be(1);
        admin.Dispose();
    }

    [Fact]
    public async Task A_challenge_override_wins_over_the_site_follows_it_when_left_and_can_be_cleared()
    {
        var (admin, _) = await With("challenge", Roles.Admin);
        var (member, _) = await With("challenge", Roles.Member, "Member");
        var idea = await member.PostIdeaAsync();
        (await member.GetPageAsync($"/ideas/{idea}")).Html.Should().Contain("vote-down");

        var page = (await admin.GetPageAsync("/admin/settings")).Html;
        page.Should().Contain("href=\"/admin/settings/challenges/waiting-well\"");
        var form = (await admin.GetPageAsync("/admin/settings/challenges/waiting-well")).Html;
        form.Should().MatchRegex("id=\"downVotes-site\"[^>]*checked=\"checked\"").And.Contain("Same as the site (now on)");

        var save = await SubmitAsync(admin, "/admin/settings/challenges/waiting-well", new()
        {
            ["AnonymousPosting"] = ["site"], ["DownVotes"] = ["off"], ["voting"] = ["inherit"], ["anonymity"] = ["inherit"], ["moderation-mode"] = ["inherit"],
        });
        save.StatusCode.Should().Be(HttpStatusCode.Redirect, await save.Content.ReadAsStringAsync());
        (await member.GetPageAsync($"/ideas/{idea}")).Html.Should().NotContain("vote-down", "the challenge turned thumbs-down off");
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = -1 })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // The site turns anonymous posting off: the challenge follows (it left that switch to the site); its own thumbs-down stays off.
        await SubmitAsync(admin, "/admin/settings", new() { ["DownVotes"] = ["true"] });
        var now = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/settings/challenges/waiting-well");
        now.GetProperty("features").GetProperty("anonymousPosting").GetBoolean().Should().BeFalse();
        now.GetProperty("features").GetProperty("downVotes").GetBoolean().Should().BeFalse();
        (await admin.GetPageAsync("/admin/settings")).Html.Should().Contain("Has its own settings, set here.");

        (await SubmitAsync(admin, "/admin/settings/challenges/waiting-well", [], "/admin/settings/challenges/waiting-well?handler=Clear")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await member.GetPageAsync($"/ideas/{idea}")).Html.Should().Contain("vote-down", "cleared, it follows the site again");
        var audit = (await admin.GetPageAsync("/admin/audit")).Html;
        audit.Should().Contain("challenge waiting-well: features.downVotes").And.Contain("on -&gt; off").And.Contain("follows the site again");
        admin.Dispose(); member.Dispose();
    }

    [Fact]
    public async Task A_challenge_gets_its_own_voting_rule_through_the_api_and_other_challenges_keep_the_sites()
    {
        var (admin, _) = await With("challenge-api", Roles.Admin);
        var (author, _) = await With("challenge-api", Roles.Member, "Author");
        var (voter, _) = await With("challenge-api", Roles.Member, "Voter");
        var ideas = new[] { await author.PostIdeaAsync(title: "Idea number one"), await author.PostIdeaAsync(title: "Idea number two") };

        var bad = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/challenges/waiting-well", new { rules = new { voting = new { rule = "budget", settings = new { votes = 1000 } } } });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(bad)).GetProperty("errors").GetProperty("voting.settings.votes")[0].GetString().Should().Contain("at most 100");
        (await admin.Http.PutAsJsonAsync("api/v1/admin/settings/challenges/no-such-challenge", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var ok = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/challenges/waiting-well", new { rules = new { voting = new { rule = "budget", settings = new { votes = 1 } } } });
        ok.StatusCode.Should().Be(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("voting").GetProperty("rule").GetString().Should().Be("budget");
        (await Vote(voter, ideas[0])).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Vote(voter, ideas[1])).StatusCode.Should().Be(HttpStatusCode.BadRequest, "one vote in this challenge");
        var site = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/settings/rules");
        site.GetProperty("rules").TryGetProperty("voting", out var voting).Should().BeTrue();
        voting.ValueKind.Should().Be(JsonValueKind.Null, "the site keeps the built-in rule");

        (await admin.Http.DeleteAsync("api/v1/admin/settings/challenges/waiting-well")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Vote(voter, ideas[1])).StatusCode.Should().Be(HttpStatusCode.OK, "cleared: the built-in rule has no budget");
        admin.Dispose(); author.Dispose(); voter.Dispose();
    }

    [Fact]
    public async Task The_rules_api_lists_the_plugins_rules_refuses_bad_choices_by_field_and_saves_good_ones()
    {
        var (admin, _) = await With("api", Roles.Admin);
        var rules = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/settings/rules");
        var budget = rules.GetProperty("available").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "budget");
        budget.GetProperty("kind").GetString().Should().Be("voting");
        budget.GetProperty("settings").GetProperty("votes").GetProperty("max").GetInt32().Should().Be(100);

        async Task<string> Refused(object body, string field)
        {
            var response = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/rules", body);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
            return (await Visitor.ProblemAsync(response)).GetProperty("errors").GetProperty(field)[0].GetString()!;
        }
        (await Refused(new { voting = new { rule = "no-such-rule" } }, "voting.rule")).Should().Contain("no voting rule called 'no-such-rule'");
        (await Refused(new { voting = new { rule = "personal-data" } }, "voting.rule")).Should().Contain("no voting rule");
        (await Refused(new { moderation = new object[] { new { rule = "personal-data" }, new { rule = "word-list", settings = new { colour = "red" } } } }, "moderation[1].settings.colour"))
            .Should().Contain("not one of the rule's settings");
        (await Refused(new { moderation = new[] { new { rule = "personal-data" }, new { rule = "personal-data" } } }, "moderation[1].rule")).Should().Contain("twice");

        var ok = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/rules", new { voting = new { rule = "points", settings = new { points = 7 } }, anonymity = new { rule = "fully-anonymous" } });
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        var saved = await ok.Content.ReadFromJsonAsync<JsonElement>();
        saved.GetProperty("overridden").GetBoolean().Should().BeTrue();
        saved.GetProperty("rules").GetProperty("voting").GetProperty("settings").GetProperty("points").GetInt32().Should().Be(7);
        (await admin.Http.DeleteAsync("api/v1/admin/settings/rules")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/settings/rules")).GetProperty("overridden").GetBoolean().Should().BeFalse();
        admin.Dispose();
    }

    [GeneratedRegex("<input(?=[^>]*name=\"__RequestVerificationToken\")[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
