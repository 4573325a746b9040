using Engine.Sdk;

namespace Engine.Plugins.Points;

public sealed class PointsPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddVotingRule("points", settings => new PointsRule(settings.Int("points")));
}
