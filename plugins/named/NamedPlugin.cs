using Engine.Sdk;

namespace Engine.Plugins.Named;

public sealed class NamedPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) => rules.AddAnonymityPolicy("named", _ => new NamedPolicy());
}
