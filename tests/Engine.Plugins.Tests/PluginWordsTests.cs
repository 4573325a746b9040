using System.Globalization;
using System.Text.Json;
using Engine.Plugins.Loading;
using Engine.Plugins.Rules;
using Engine.Sdk;

namespace Engine.Plugins.Tests;

/// <summary>A plugin's own catalogues (locales/ beside plugin.json): checked as it loads, and wording its keyed refusals.</summary>
public class PluginWordsTests : IDisposable
{
    private readonly PluginFolders _folders = new();
    public void Dispose() => _folders.Dispose();

    private static readonly CultureInfo Welsh = CultureInfo.GetCultureInfo("cy-GB");

    [Fact]
    public void A_plugin_with_a_broken_catalogue_is_refused_naming_the_file_and_line_and_the_others_still_load()
    {
        _folders.Copy("thumbs");
        var budget = _folders.Copy("budget");
        File.WriteAllText(Path.Combine(budget, "locales", "cy.json"), "{\n  \"plugin.budget.votes-used\": \"Rydych chi wedi defnyddio {0}\",\n  \"plugin.budget.single-up-vote\" \"Un bleidlais\"\n}\n");
        var catalog = _folders.Catalog();
        catalog.Refresh();
        catalog.Plugins.Select(p => p.Manifest.Id).Should().Equal("thumbs");
        catalog.Problems.Should().ContainSingle().Which.Message.Should().Contain("plugin 'budget'")
            .And.Contain(Path.Combine("locales", "cy.json")).And.Contain("line 3");
    }

    [Fact]
    public void A_catalogue_that_is_not_keys_and_texts_is_refused_too()
    {
        var budget = _folders.Copy("budget");
        File.WriteAllText(Path.Combine(budget, "locales", "cy.json"), "{\n  \"plugin.budget.votes-used\": 5\n}\n");
        var catalog = _folders.Catalog();
        catalog.Refresh();
        catalog.Plugins.Should().BeEmpty();
        catalog.Problems.Should().ContainSingle().Which.Message.Should().Contain("cy.json, line 2").And.Contain("plugin.budget.votes-used");
    }

    [Fact]
    public void A_keyed_refusal_reads_english_in_its_reason_and_is_worded_in_welsh_from_the_plugins_catalogue()
    {
        _folders.Copy("budget");
        var catalog = _folders.Catalog();
        catalog.Refresh();
        catalog.Problems.Should().BeEmpty();
        var rule = catalog.CreateVoting("budget", new Dictionary<string, JsonElement> { ["votes"] = JsonSerializer.SerializeToElement(1) }).Rule!;

        var refused = rule.Decide(new VoteRequest(2, 1, false, new MemberVotes(new Dictionary<long, int> { [1] = 1 })))
            .Should().BeOfType<VoteDecision.Refuse>().Subject;

        refused.Reason.Should().Be("You have used all 1 of your votes in this challenge: take one back to vote for another idea.");
        var worded = refused.Text.Should().BeOfType<WordedText>().Subject;
        worded.In(Welsh).Should().Be("Rydych chi wedi defnyddio pob un o'ch 1 pleidlais yn yr her hon: tynnwch un yn ôl i bleidleisio dros syniad arall.");
        worded.In(CultureInfo.GetCultureInfo("fr")).Should().Be(refused.Reason, "a language the plugin does not ship reads English");
    }

    [Fact]
    public void A_keyed_allowance_reads_english_for_the_log_and_is_worded_in_welsh_from_the_plugins_catalogue()
    {
        _folders.Copy("budget");
        var catalog = _folders.Catalog();
        catalog.Refresh();
        var rule = catalog.CreateVoting("budget", new Dictionary<string, JsonElement> { ["votes"] = JsonSerializer.SerializeToElement(5) }).Rule!;
        var twoUsed = new MemberVotes(new Dictionary<long, int> { [1] = 1, [2] = 1 });

        rule.Allowance(twoUsed).Should().Be("3 of 5 votes left");
        rule.AllowanceText(twoUsed).Should().BeOfType<WordedText>().Which.In(Welsh).Should().Be("3 o 5 pleidlais ar ôl");
    }

    /// <summary>A rule built against SDK 1.3: it words its own label and allowance, and knows nothing of catalogues.</summary>
    private sealed class OldRule : IVotingRule
    {
        public VoteDecision Decide(VoteRequest request) => VoteDecision.Accepted;
        public double TopScore(IdeaTally idea) => idea.Up;
        public double TrendingScore(IdeaTally idea, DateTimeOffset now) => idea.Up;
        public string? Allowance(MemberVotes votes) => "Plenty of votes left";
        public string? Label(IdeaTally idea) => idea.Up > 1 ? "Popular" : null;
    }

    [Fact]
    public void A_rule_built_against_sdk_1_3_shows_its_own_english_label_and_allowance_in_every_language()
    {
        var (words, _) = PluginWords.Load(_folders.Copy("budget"), "budget");
        var rule = new GuardedVotingRule("budget", "old", new OldRule(), TimeSpan.FromSeconds(5), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, words);
        var tally = new IdeaTally(1, Up: 2, Down: 0, Voters: 2, Comments: 0, CreatedAt: DateTimeOffset.UnixEpoch);

        rule.LabelText(tally).Should().BeOfType<WordedText>().Which.In(Welsh).Should().Be("Popular");
        rule.Label(tally).Should().Be("Popular");
        rule.LabelText(tally with { Up = 0 }).Should().BeNull();
        rule.AllowanceText(MemberVotes.None).Should().BeOfType<WordedText>().Which.In(Welsh).Should().Be("Plenty of votes left");
    }

    [Fact]
    public void A_plugin_without_catalogues_shows_its_own_text_and_a_key_no_catalogue_has_shows_as_written()
    {
        var (words, problem) = PluginWords.Load(_folders.Root, "no-such-plugin");
        problem.Should().BeNull();
        words!.Text(Welsh, new PluginText("Votes are closed for the night.")).Should().Be("Votes are closed for the night.");
        words.Find(Welsh, "Votes are closed for the night.", []).Should().BeNull();
    }
}
