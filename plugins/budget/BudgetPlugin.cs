using Engine.Sdk;

namespace Engine.Plugins.Budget;

public sealed class BudgetPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddVotingRule("budget", settings => new BudgetRule(settings.Int("votes")));
}
