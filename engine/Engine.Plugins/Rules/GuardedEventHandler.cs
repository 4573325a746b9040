using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Plugins.Rules;

/// <summary>
/// The host's face of a plugin's event handler, contained like a rule: a time budget, a bound on the threads it can keep,
/// and a circuit that switches it off for a site after repeated failures. A handler that fails throws
/// <see cref="RuleFailedException"/>, and the event stays in the outbox to be delivered again later (nothing else waits).
/// </summary>
public sealed class GuardedEventHandler(string name, IEventHandler inner, RuleCircuit circuit)
{
    public GuardedEventHandler(string pluginId, string name, IEventHandler inner, TimeSpan budget, ILogger logger)
        : this(name, inner, RuleContainment.Alone(budget, logger).Circuit(RuleContainment.NoTenant, pluginId, name)) { }

    public string PluginId => circuit.PluginId;
    public string Name => name;

    internal GuardedEventHandler With(RuleCircuit other) => new(name, inner, other);

    public void Handle(SiteEvent e) => circuit.Run(() =>
    {
        inner.Handle(e);
        return true;
    });

    public override string ToString() => $"event handler '{name}' of plugin '{PluginId}'";
}
