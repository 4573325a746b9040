using Engine.Sdk;

namespace Engine.Plugins.FirstPosts;

public sealed class FirstPostsPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddModerationRule("first-posts", settings => new FirstPostsRule(settings.Int("count")));
}
