using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Sdk;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Events;

/// <summary>
/// Plugins told what happens on a site, over HTTP, on this run's store: the test-only recording plugin writes every event
/// it is given to a file per site. "told" records everything; "flaky" fails its first two calls; "other" is a second
/// site with the same plugin, to prove each site's copy keeps its own state.
/// </summary>
public sealed class PluginEventsTests(PluginEventsTests.App app) : IClassFixture<PluginEventsTests.App>
{
    public sealed class App : EngineApp
    {
        protected override string PluginsPath => Path.Combine(TestRepository.Root, "tests", "TestPlugins");

        public string FileOf(string site) => Path.Combine(Root, $"{site}-events.jsonl");

        /// <summary>On "told": a challenge for signed-in members only, its title marked so that any leak is found.</summary>
        public const string PrivateChallenge = "members-plans", Marker = "Kx7Qprivate";

        public App()
        {
            Site("told", failFirst: 0);
            Site("flaky", failFirst: 2);
            Site("other", failFirst: 0);
            Site("slow", failFirst: 1, hangMs: 3000);
        }

        private void Site(string id, int failFirst, int hangMs = 0)
        {
            var tenant = Tenant(id, $"{id} site", [$"{id}.test"], anonymous: true, downVotes: false);
            if (id == "told")
                tenant["challenges"] = ((object[])tenant["challenges"]!).Append(new
                {
                    slug = PrivateChallenge, title = $"Members' plans {Marker}", description = "Signed-in members only.",
                    opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21), audience = "members",
                }).ToArray();
            tenant["rules"] = new { events = new[] { new { rule = "recording", settings = new { file = FileOf(id), failFirst, hangMs } } } };
            WriteTenant(id, tenant);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:Events:PollInterval", "00:00:00.050");
            builder.UseSetting("Engine:Events:FirstRetryDelay", "00:00:00.100");
        }

        /// <summary>The lines the site's handler has written once <paramref name="done"/> holds for them (or, failing, what it had).</summary>
        public async Task<IReadOnlyList<JsonElement>> LinesWhenAsync(string site, Func<IReadOnlyList<JsonElement>, bool> done)
        {
            var lines = Read(site);
            for (var deadline = DateTime.UtcNow.AddSeconds(30); !done(lines) && DateTime.UtcNow < deadline; lines = Read(site))
                await Task.Delay(50);
            return lines;
        }

        private IReadOnlyList<JsonElement> Read(string site) => File.Exists(FileOf(site))
            ? File.ReadAllLines(FileOf(site)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList()
            : [];
    }

    private static IEnumerable<JsonElement> Handled(IEnumerable<JsonElement> lines, string stream) =>
        lines.Where(l => l.GetProperty("outcome").GetString() == "handled" && l.GetProperty("Stream").GetString() == stream);

    private async Task<Visitor> MemberAsync(string site, string name = "Pat Example") => (await app.MemberAsync($"{site}.test", Core.Members.Roles.Member, name)).Visitor;

    [Fact]
    public async Task What_happens_to_an_idea_is_told_after_it_is_committed_in_order_and_a_refused_vote_tells_nothing()
    {
        using var author = await MemberAsync("told", "Ada Lovelace");
        using var voter = await MemberAsync("told");
        var idea = await author.PostIdeaAsync();
        (await PluginRulesTests.Vote(voter, idea, 1)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PluginRulesTests.Vote(voter, idea, -1)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "thumbs-down is off on this site");
        (await voter.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Yes, please." })).StatusCode.Should().Be(HttpStatusCode.Created);

        var stream = $"idea/{idea}";
        var lines = await app.LinesWhenAsync("told", l => Handled(l, stream).Count() >= 3);

        Handled(lines, stream).Select(l => (l.GetProperty("Kind").GetString(), l.GetProperty("Sequence").GetInt64())).Should().Equal(
            (EventKinds.IdeaPosted, 1L), (EventKinds.VoteCast, 2L), (EventKinds.CommentPosted, 3L));
        var posted = Handled(lines, stream).First();
        posted.GetProperty("Author").GetString().Should().Be("Ada Lovelace", "a named idea's author is public");
        posted.GetProperty("TenantId").GetString().Should().Be("told");
        Handled(lines, stream).ElementAt(1).GetProperty("Value").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task An_anonymous_idea_s_event_does_not_name_its_author()
    {
        using var author = await MemberAsync("told", "Grace Hopper");
        var idea = await author.PostIdeaAsync(title: "Let staff say it without their name", anonymous: true);

        var lines = await app.LinesWhenAsync("told", l => Handled(l, $"idea/{idea}").Any());

        var posted = Handled(lines, $"idea/{idea}").Single();
        posted.GetProperty("Kind").GetString().Should().Be(EventKinds.IdeaPosted);
        posted.GetProperty("Author").ValueKind.Should().Be(JsonValueKind.Null);
        posted.GetRawText().Should().NotContain("Grace").And.NotContain("Hopper");
    }

    [Fact]
    public async Task Nothing_that_happens_in_a_challenge_not_everyone_may_see_is_told_to_a_plugin_not_even_its_title()
    {
        using var author = await MemberAsync("told", "Priya Private");
        using var voter = await MemberAsync("told");
        var secret = await author.PostIdeaAsync(title: $"An idea for members {App.Marker}", challenge: App.PrivateChallenge);
        (await PluginRulesTests.Vote(voter, secret, 1)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await voter.Http.PostAsJsonAsync($"api/v1/ideas/{secret}/comments", new { body = $"Agreed {App.Marker}" })).StatusCode.Should().Be(HttpStatusCode.Created);

        var outbox = app.Services.GetRequiredService<Engine.Data.Events.EventOutboxStore>();
        var stream = $"idea/{secret}";
        IReadOnlyList<Engine.Data.Events.OutboxEntry> done = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(30); done.Count < 3 && DateTime.UtcNow < deadline; await Task.Delay(50))
            done = (await outbox.ListAsync("told", gaveUpOnly: false, max: 1000)).Where(e => e.Stream == stream && e.DoneAt is not null).ToList();
        done.Select(e => (e.Kind, e.Outcome)).Should().BeEquivalentTo(
            [(EventKinds.IdeaPosted, "withheld"), (EventKinds.VoteCast, "withheld"), (EventKinds.CommentPosted, "withheld")],
            "the events are kept and finished, but no handler is called");

        var open = await author.PostIdeaAsync(title: "An idea anyone may read");
        var lines = await app.LinesWhenAsync("told", l => Handled(l, $"idea/{open}").Any());
        Handled(lines, $"idea/{open}").Should().ContainSingle("a public challenge's events are still told");
        lines.Should().NotContain(l => l.GetProperty("Stream").GetString() == stream);
        lines.Select(l => l.GetRawText()).Should().NotContain(l => l.Contains(App.Marker), "not the challenge's title, nor its ideas' or comments' words");
    }

    [Fact]
    public async Task A_handler_that_fails_is_called_again_with_the_same_event_and_then_gets_the_rest_in_order()
    {
        using var author = await MemberAsync("flaky");
        using var voter = await MemberAsync("flaky");
        var idea = await author.PostIdeaAsync();
        (await PluginRulesTests.Vote(voter, idea, 1)).StatusCode.Should().Be(HttpStatusCode.OK);

        var stream = $"idea/{idea}";
        var lines = await app.LinesWhenAsync("flaky", l => Handled(l, stream).Count() >= 2);

        var calls = lines.Where(l => l.GetProperty("Stream").GetString() == stream)
            .Select(l => (l.GetProperty("outcome").GetString(), l.GetProperty("Sequence").GetInt64())).ToList();
        calls.Should().Equal(("failed", 1L), ("failed", 1L), ("handled", 1L), ("handled", 2L));
    }

    [Fact]
    public async Task A_handler_that_overruns_its_time_budget_is_contained_like_a_rule_and_gets_the_event_again()
    {
        using var author = await MemberAsync("slow");
        var idea = await author.PostIdeaAsync();

        var stream = $"idea/{idea}";
        var lines = await app.LinesWhenAsync("slow", l => Handled(l, stream).Any());

        lines.Where(l => l.GetProperty("Stream").GetString() == stream).Select(l => (l.GetProperty("outcome").GetString(), l.GetProperty("Sequence").GetInt64()))
            .Should().Equal(("failed", 1L), ("handled", 1L));
        var failures = app.Services.GetRequiredService<Engine.Plugins.Rules.RuleContainment>().FailuresOf("recording");
        failures.Should().NotBeNull("the overrun counts against the plugin as a rule's would");
        failures!.LastMessage.Should().Contain("took longer than its budget");
    }

    [Fact]
    public async Task One_site_s_copy_of_a_plugin_never_reads_the_state_another_site_s_copy_wrote()
    {
        using var here = await MemberAsync("told");
        using var there = await MemberAsync("other");
        var ideaHere = await here.PostIdeaAsync();
        var firstThere = await there.PostIdeaAsync();
        await app.LinesWhenAsync("other", l => Handled(l, $"idea/{firstThere}").Any());
        var secondThere = await there.PostIdeaAsync(title: "A second idea over there");

        var told = await app.LinesWhenAsync("told", l => Handled(l, $"idea/{ideaHere}").Any());
        var other = await app.LinesWhenAsync("other", l => Handled(l, $"idea/{secondThere}").Any());

        Handled(other, $"idea/{secondThere}").Single().GetProperty("previous").GetString().Should().Be($"other/idea/{firstThere}/1",
            "the second event over there read what the first one kept");
        var previousOther = other.Select(l => l.GetProperty("previous")).Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList();
        previousOther.Should().OnlyContain(id => id.StartsWith("other/"), "the other site's plugin reads only its own site's state");
        told.Select(l => l.GetProperty("previous")).Where(p => p.ValueKind == JsonValueKind.String)
            .Should().OnlyContain(p => p.GetString()!.StartsWith("told/"));
    }
}
