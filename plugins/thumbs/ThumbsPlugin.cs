using Engine.Sdk;

namespace Engine.Plugins.Thumbs;

public sealed class ThumbsPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) => rules.AddVotingRule("thumbs", settings =>
        settings.Int("shortlistAt") is var shortlistAt and > 0 ? new ShortlistThumbsRule(shortlistAt) : new ThumbsRule());
}
