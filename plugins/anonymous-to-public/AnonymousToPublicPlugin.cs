using Engine.Sdk;

namespace Engine.Plugins.AnonymousToPublic;

public sealed class AnonymousToPublicPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddAnonymityPolicy("anonymous-to-public", _ => new AnonymousToPublicPolicy());
}
