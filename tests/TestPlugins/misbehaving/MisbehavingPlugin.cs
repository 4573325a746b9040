using Engine.Sdk;

namespace Engine.TestPlugins.Misbehaving;

/// <summary>Rules that fail in the two ways plugin code can: by throwing and by never returning.</summary>
public sealed class MisbehavingPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules)
    {
        rules.AddVotingRule("throwing-vote", _ => new ThrowingVote());
        rules.AddVotingRule("hanging-vote", s => new HangingVote(s.Int("hangMs")));
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

public sealed class HangingVote(int hangMs) : IVotingRule
{
    public VoteDecision Decide(VoteRequest request) { Thread.Sleep(hangMs); return VoteDecision.Accepted; }
    public double TopScore(IdeaTally idea) { Thread.Sleep(hangMs); return 0; }
    public double TrendingScore(IdeaTally idea, DateTimeOffset now) { Thread.Sleep(hangMs); return 0; }
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
