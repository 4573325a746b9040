using Engine.Sdk;

namespace Engine.Plugins.ApprovalQuorum;

public sealed class ApprovalQuorumPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddVotingRule("approval-quorum", settings => new ApprovalQuorumRule(settings.Int("quorum")));
}
