using Engine.Sdk;

namespace Engine.Plugins.FullyAnonymous;

public sealed class FullyAnonymousPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddAnonymityPolicy("fully-anonymous", _ => new FullyAnonymousPolicy());
}
