using System.Text.Json;
using Engine.Plugins.Rules;
using Engine.Sdk;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Plugins.Tests;

/// <summary>
/// Plugin code that throws or hangs is contained: each kind of rule fails safe, within its time budget; a plugin keeps a
/// bounded number of threads, and a rule that keeps failing is switched off for the tenant that uses it.
/// </summary>
public class ContainmentTests : IDisposable
{
    private readonly PluginFolders _folders = new();
    private readonly Loading.PluginCatalog _catalog;

    public ContainmentTests()
    {
        _folders.Copy("misbehaving");
        _catalog = _folders.Catalog(TimeSpan.FromMilliseconds(300));
        _catalog.Refresh();
        _catalog.Problems.Should().BeEmpty();
    }

    public void Dispose() => _folders.Dispose();

    private static readonly Contribution Idea = new(ContributionKind.Idea, "Title", "Body", new AuthorHistory(0, 0, DateTimeOffset.UnixEpoch));

    [Fact]
    public void A_throwing_voting_rule_refuses_the_vote_with_a_clear_message()
    {
        var decision = _catalog.CreateVoting("throwing-vote", null).Rule!.Decide(new VoteRequest(1, 1, true, MemberVotes.None));
        decision.Should().BeOfType<VoteDecision.Refuse>().Which.Reason.Should().Contain("throwing-vote").And.Contain("not counted");
    }

    [Fact]
    public void A_hanging_voting_rule_is_refused_once_its_budget_runs_out()
    {
        // The rule would accept after its sleep, so a refusal can only come from the budget running out (a bound on the
        // elapsed time would measure how busy the machine is, not the guard).
        var decision = _catalog.CreateVoting("hanging-vote", null).Rule!.Decide(new VoteRequest(1, 1, true, MemberVotes.None));
        decision.Should().BeOfType<VoteDecision.Refuse>("the 300 ms budget, not the rule's 5 s sleep, decides");
    }

    [Fact]
    public void A_throwing_moderation_rule_fails_closed_and_holds_the_content()
    {
        _catalog.CreateModeration("throwing-moderation", null).Rule!.Check(Idea)
            .Should().BeOfType<ModerationDecision.Hold>().Which.Reason.Should().Contain("could not check");
    }

    [Fact]
    public void The_hold_of_a_rule_that_failed_is_keyed_in_the_engines_catalogues_so_each_moderator_reads_it_in_their_language()
    {
        var hold = _catalog.CreateModeration("throwing-moderation", null).Rule!.Check(Idea).Should().BeOfType<ModerationDecision.Hold>().Which;
        hold.Text.Should().BeOfType<Engine.Plugins.Loading.EngineText>().Which.Key.Should().Be("admin.moderation.rule-failed");
        hold.Text!.Values.Should().Equal("throwing-moderation");
    }

    [Fact]
    public void A_hanging_moderation_rule_fails_closed_and_holds_the_content()
    {
        _catalog.CreateModeration("hanging-moderation", null).Rule!.Check(Idea).Should().BeOfType<ModerationDecision.Hold>();
    }

    [Fact]
    public void A_throwing_anonymity_policy_refuses_the_post()
    {
        _catalog.CreateAnonymity("throwing-anonymity", null).Rule!.Decide(new AnonymityRequest(ContributionKind.Idea, true, true))
            .Should().BeOfType<AnonymityDecision.Refuse>().Which.Reason.Should().Contain("nothing was saved");
    }

    private static readonly VoteRequest UpVote = new(1, 1, true, MemberVotes.None);

    private static readonly IdeaTally SomeTally = new(1, 3, 0, 3, 0, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_throwing_label_shows_no_label_is_counted_against_its_plugin_and_leaves_the_rest_of_the_rule_working()
    {
        var containment = Containment(TimeProvider.System, callsPerPlugin: 8, failuresToSwitchOff: 5);
        var rule = containment.Contain(_catalog.CreateVoting("throwing-label", null).Rule!, "north");

        rule.Label(SomeTally).Should().BeNull("a label that fails is left off, never an error on the page");
        containment.FailuresOf("misbehaving").Should().NotBeNull().And.Match<PluginFailures>(f => f.Count == 1 && f.LastMessage.Contains("throwing-label"));
        rule.Decide(UpVote).Should().Be(VoteDecision.Accepted);
        rule.TopScore(SomeTally).Should().Be(3);
    }

    [Fact]
    public void A_label_that_keeps_failing_is_switched_off_on_a_circuit_of_its_own_and_votes_and_ranking_keep_working()
    {
        var containment = Containment(TimeProvider.System, callsPerPlugin: 8, failuresToSwitchOff: 2);
        var rule = containment.Contain(_catalog.CreateVoting("throwing-label", null).Rule!, "north");
        for (var i = 0; i < 3; i++) rule.Label(SomeTally).Should().BeNull();

        var off = containment.SwitchedOff("north").Should().ContainSingle("the labels' circuit alone is off").Subject;
        off.Describe().Should().Contain("labels of rule 'throwing-label'").And.Contain("ideas show no label; votes keep working");
        rule.Decide(UpVote).Should().Be(VoteDecision.Accepted, "a failing label must not switch voting off");
        rule.TopKey(SomeTally).Should().Be(RankKey.By(3));
        containment.SwitchedOff("north").Should().ContainSingle("a vote that works leaves the labels' circuit as it was");
    }

    /// <summary>Asks an outside service that answers when the test says so, ignoring the engine's token meanwhile.</summary>
    private sealed class DeafService(Task<ModerationDecision> answer) : IAsyncModerationRule
    {
        public Task<ModerationDecision> CheckAsync(Contribution contribution, CancellationToken cancellation) => answer;
    }

    [Fact]
    public async Task An_outside_call_that_ignores_its_deadline_holds_the_post_and_keeps_its_plugins_slot_until_it_answers()
    {
        var containment = Containment(TimeProvider.System, callsPerPlugin: 1, failuresToSwitchOff: 100);
        var answer = new TaskCompletionSource<ModerationDecision>();
        var rule = (IAsyncModerationRule)containment.Contain(
            new GuardedModerationRule("outside", "deaf", new DeafService(answer.Task), TimeSpan.FromSeconds(5), NullLogger.Instance), "north");

        (await rule.CheckAsync(Idea, CancellationToken.None)).Should().BeOfType<ModerationDecision.Hold>();
        containment.FailuresOf("outside")!.LastMessage.Should().Contain("did not answer within its budget of 100 ms");
        (await rule.CheckAsync(Idea, CancellationToken.None)).Should().BeOfType<ModerationDecision.Hold>();
        containment.FailuresOf("outside")!.LastMessage.Should().Contain("was not called: 1 earlier calls to its plugin are still running past their budget");

        // Once the service answers, the slot is free again and the next post is checked (the answer is a completed task now).
        answer.SetResult(ModerationDecision.Published);
        var decision = await rule.CheckAsync(Idea, CancellationToken.None);
        for (var tries = 0; decision is ModerationDecision.Hold && tries < 100; tries++)
        {
            await Task.Delay(20);
            decision = await rule.CheckAsync(Idea, CancellationToken.None);
        }
        decision.Should().Be(ModerationDecision.Published);
    }

    [Fact]
    public void A_rule_that_keeps_the_sdks_default_label_is_not_called_for_labels()
    {
        var containment = Containment(TimeProvider.System, callsPerPlugin: 1, failuresToSwitchOff: 100);
        var rule = Hanging(containment, "north", hangMs: 400);
        // Its one call slot is now held past the budget, so any further call into the plugin would fail and be counted.
        rule.Decide(UpVote).Should().BeOfType<VoteDecision.Refuse>();
        containment.FailuresOf("misbehaving")!.Count.Should().Be(1);

        rule.Label(SomeTally).Should().BeNull();
        containment.FailuresOf("misbehaving")!.Count.Should().Be(1, "the hanging rule has no label of its own, so it was not called for one");
    }

    [Fact]
    public void A_hanging_label_shows_no_label_once_its_budget_runs_out()
    {
        var containment = Containment(TimeProvider.System, callsPerPlugin: 8, failuresToSwitchOff: 5);
        var rule = containment.Contain(_catalog.CreateVoting("hanging-label", null).Rule!, "north");

        // The rule would answer "Shortlisted" after its 5 s sleep, so no label can only come from the 100 ms budget.
        rule.Label(SomeTally).Should().BeNull();
        containment.FailuresOf("misbehaving").Should().NotBeNull().And.Match<PluginFailures>(f => f.LastMessage.Contains("hanging-label"));
    }

    private IVotingRule Hanging(RuleContainment containment, string tenant, int hangMs) =>
        containment.Contain(_catalog.CreateVoting("hanging-vote", new Dictionary<string, JsonElement> { ["hangMs"] = JsonSerializer.SerializeToElement(hangMs) }).Rule!, tenant);

    private static RuleContainment Containment(TimeProvider clock, int callsPerPlugin, int failuresToSwitchOff) =>
        new(TimeSpan.FromMilliseconds(100), new RuleContainmentOptions { CallsPerPlugin = callsPerPlugin, FailuresToSwitchOff = failuresToSwitchOff },
            clock, NullLogger.Instance);

    [Fact]
    public void A_rule_that_overruns_repeatedly_is_switched_off_for_that_tenant_only_and_not_called_until_a_trial_after_the_cool_down()
    {
        var clock = new FakeTimeProvider();
        var containment = Containment(clock, callsPerPlugin: 8, failuresToSwitchOff: 2);
        var north = Hanging(containment, "north", hangMs: 400);
        north.Decide(UpVote).Should().BeOfType<VoteDecision.Refuse>();
        north.Decide(UpVote).Should().BeOfType<VoteDecision.Refuse>();

        var off = containment.SwitchedOff("north").Should().ContainSingle().Subject;
        off.Rule.Should().Be("hanging-vote");
        off.Why.Should().Contain("failed 2 times in a row").And.Contain("took longer than its budget of 100 ms");
        containment.SwitchedOff("south").Should().BeEmpty();
        var failures = containment.FailuresOf("misbehaving")!.Count;
        north.Decide(UpVote).Should().BeOfType<VoteDecision.Refuse>();
        containment.FailuresOf("misbehaving")!.Count.Should().Be(failures, "a switched-off rule is not called, so it cannot fail again");

        Hanging(containment, "south", hangMs: 400).Decide(UpVote).Should().BeOfType<VoteDecision.Refuse>();
        containment.FailuresOf("misbehaving")!.Count.Should().Be(failures + 1, "another tenant's use of the rule is still called");

        clock.Advance(new RuleContainmentOptions().CoolDown);
        north.Decide(UpVote).Should().BeOfType<VoteDecision.Refuse>();
        containment.FailuresOf("misbehaving")!.Count.Should().Be(failures + 2, "after the cool-down one trial call reaches the rule");
        containment.SwitchedOff("north").Should().ContainSingle().Which.Why.Should().Contain("its trial call after the cool-down took longer");
    }

    [Fact]
    public void Once_a_plugin_has_its_limit_of_calls_running_past_their_budget_further_calls_fail_at_once_until_one_returns()
    {
        var containment = Containment(TimeProvider.System, callsPerPlugin: 1, failuresToSwitchOff: 1000);
        var rule = Hanging(containment, "north", hangMs: 1000);
        rule.Decide(UpVote).Should().BeOfType<VoteDecision.Refuse>();
        containment.FailuresOf("misbehaving")!.LastMessage.Should().Contain("took longer than its budget");
        Hanging(containment, "south", hangMs: 0).Decide(UpVote).Should().BeOfType<VoteDecision.Refuse>("the plugin's one thread is taken, whichever tenant calls");
        containment.FailuresOf("misbehaving")!.LastMessage.Should().Contain("was not called: 1 earlier calls to its plugin are still running past their budget");

        // Once the hanging call returns (after its 1 s sleep), its plugin is called again: an instant rule then accepts.
        var instant = Hanging(containment, "south", hangMs: 0);
        var accepted = false;
        for (var attempt = 0; attempt < 400 && !accepted; attempt++)
        {
            accepted = instant.Decide(UpVote) is VoteDecision.Accept;
            if (!accepted) Thread.Sleep(25);
        }
        accepted.Should().BeTrue("a call that finally returns gives its thread back");
    }
}
