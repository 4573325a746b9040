using Engine.Sdk;

namespace Engine.Plugins.Tests;

/// <summary>Plugin code that throws or hangs is contained: each kind of rule fails safe, within its time budget.</summary>
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
}
