using System.Diagnostics;
using Engine.Sdk;

namespace Engine.TestPlugins.Misbehaving;

/// <summary>Rules that fail in the ways plugin code can: by throwing, by never returning (asleep or busy), and now and then.</summary>
public sealed class MisbehavingPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules)
    {
        rules.AddVotingRule("throwing-vote", _ => new ThrowingVote());
        rules.AddVotingRule("hanging-vote", s => new HangingVote(s.Int("hangMs")));
        rules.AddVotingRule("looping-vote", s => new LoopingVote(s.Int("loopMs")));
        rules.AddVotingRule("unreliable-vote", _ => new UnreliableVote());
        rules.AddVotingRule("throwing-label", _ => new ThrowingLabel());
        rules.AddVotingRule("hanging-label", _ => new HangingLabel());
        rules.AddModerationRule("throwing-moderation", _ => new ThrowingModeration());
        rules.AddModerationRule("hanging-moderation", _ => new HangingModeration());
        rules.AddAnonymityPolicy("throwing-anonymity", _ => new ThrowingAnonymity());
    }
}

public sealed class ThrowingVote : IVotingRule
{
    public VoteDecision Decide(VoteRequest request) => throw new InvalidOperationException("voting rule bug");
    public double TopScore(IdeaTally idea) => throw new InvalidOperationException("ranking bug");
    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => throw new InvalidOperationException("ranking bug");
}

// Sound in all but their labels, so a test sees what a failing label alone does to a page.
public abstract class FailingLabel : IVotingRule
{
    public VoteDecision Decide(VoteRequest request) => VoteDecision.Accepted;
    public bool UsesMemberVotes => false;
    public double TopScore(IdeaTally idea) => idea.Up - idea.Down;
    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => Trending.Score(idea, now);
    public abstract string? Label(IdeaTally idea);
}

public sealed class ThrowingLabel : FailingLabel
{
    public override string? Label(IdeaTally idea) => throw new InvalidOperationException("label bug");
}

public sealed class HangingLabel : FailingLabel
{
    public override string? Label(IdeaTally idea) { Thread.Sleep(5000); return "Shortlisted"; }
}

// The misbehaving voting rules look at nothing but the vote, so a vote reaches them without reading the database first:
// a test of what they cost measures them, not the store.
public sealed class HangingVote(int hangMs) : IVotingRule
{
    public VoteDecision Decide(VoteRequest request) { Thread.Sleep(hangMs); return VoteDecision.Accepted; }
    public bool UsesMemberVotes => false;
    public double TopScore(IdeaTally idea) { Thread.Sleep(hangMs); return 0; }
    public double TrendingScore(IdeaTally idea, DateTimeOffset now) { Thread.Sleep(hangMs); return 0; }
}

/// <summary>Keeps a core busy instead of returning, as a rule stuck in a loop would (for a while, so that a test ends).</summary>
public sealed class LoopingVote(int loopMs) : IVotingRule
{
    public VoteDecision Decide(VoteRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started).TotalMilliseconds < loopMs) { }
        return VoteDecision.Accepted;
    }

    public bool UsesMemberVotes => false;
    public double TopScore(IdeaTally idea) => idea.Up;
    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => idea.Up;
}

/// <summary>Fails on thumbs-down votes only and accepts thumbs-up: a rule whose failures a test turns on and off.</summary>
public sealed class UnreliableVote : IVotingRule
{
    public VoteDecision Decide(VoteRequest request) =>
        request.Value < 0 ? throw new InvalidOperationException("thumbs-down bug") : VoteDecision.Accepted;

    public bool UsesMemberVotes => false;
    public double TopScore(IdeaTally idea) => idea.Up;
    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => idea.Up;
}

public sealed class ThrowingModeration : IModerationRule
{
    public ModerationDecision Check(Contribution contribution) => throw new InvalidOperationException("moderation bug");
}

public sealed class HangingModeration : IModerationRule
{
    public ModerationDecision Check(Contribution contribution) { Thread.Sleep(5000); return ModerationDecision.Published; }
}

public sealed class ThrowingAnonymity : IAnonymityPolicy
{
    public AnonymityDecision Decide(AnonymityRequest request) => throw new InvalidOperationException("anonymity bug");
}
