using Engine.Sdk;

namespace Engine.Plugins.LinkLimit;

public sealed class LinkLimitPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddModerationRule("link-limit", settings => new LinkLimitRule(settings.Int("links")));
}
