using Engine.Sdk;

namespace Engine.Plugins.Webhooks;

public sealed class WebhooksPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddEventHandler("webhooks", s => new WebhookSender(new Endpoints(s.State), TimeSpan.FromMilliseconds(s.Int("timeoutMs")), s.Log));
}
