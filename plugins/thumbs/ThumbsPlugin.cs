using Engine.Sdk;

namespace Engine.Plugins.Thumbs;

public sealed class ThumbsPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) => rules.AddVotingRule("thumbs", settings => new ThumbsRule(settings.Int("shortlistAt")));
}
