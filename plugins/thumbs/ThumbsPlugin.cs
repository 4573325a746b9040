using Engine.Sdk;

namespace Engine.Plugins.Thumbs;

public sealed class ThumbsPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) => rules.AddVotingRule("thumbs", _ => new ThumbsRule());
}
