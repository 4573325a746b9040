using System.Collections.Concurrent;
using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Plugins.Rules;

/// <summary>A plugin's failures at run time since the engine started, as the system administrator sees them.</summary>
public sealed record PluginFailures(string PluginId, int Count, DateTimeOffset LastAt, string LastMessage);

/// <summary>
/// Everything the engine knows about plugin rules misbehaving on this node: the calls running into each plugin (bounded,
/// see <see cref="PluginCalls"/>), each tenant's circuit for each rule (see <see cref="RuleCircuit"/>), and each plugin's
/// failures. Every call into a rule at run time passes through here, so these counts are exact though the log is throttled.
/// </summary>
public sealed class RuleContainment(TimeSpan budget, RuleContainmentOptions options, TimeProvider clock, ILogger logger)
{
    /// <summary>The circuits of rules made outside any tenant (the catalog makes them so; a site's rules are contained for it).</summary>
    public const string NoTenant = "";

    private readonly ConcurrentDictionary<string, PluginCalls> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tenant, string Plugin, string Rule, bool Labels), RuleCircuit> _circuits = new();
    private readonly ConcurrentDictionary<string, PluginFailures> _failures = new(StringComparer.Ordinal);

    internal TimeSpan Budget => budget;
    internal RuleContainmentOptions Options => options;
    internal TimeProvider Clock => clock;
    internal ILogger Logger => logger;

    /// <summary>Containment of its own with the default options, for a rule made outside the engine's (in a plugin's own tests, say).</summary>
    public static RuleContainment Alone(TimeSpan budget, ILogger logger) => new(budget, new RuleContainmentOptions(), TimeProvider.System, logger);

    /// <summary>A rule's circuit for a tenant; with <paramref name="labels"/>, the separate one of a voting rule's labels.</summary>
    public RuleCircuit Circuit(string tenantId, string pluginId, string rule, bool labels = false) =>
        _circuits.GetOrAdd((tenantId, pluginId, rule, labels), k => new RuleCircuit(this, k.Tenant, k.Plugin, k.Rule, k.Labels));

    internal PluginCalls CallsTo(string pluginId) => _calls.GetOrAdd(pluginId, _ => new PluginCalls(pluginId, Math.Max(1, options.CallsPerPlugin)));

    /// <summary>The rule, its calls now counted against this tenant's circuit and its plugin's bound here.</summary>
    public IVotingRule Contain(IVotingRule rule, string tenantId) =>
        rule is GuardedVotingRule g ? g.With(Circuit(tenantId, g.PluginId, g.Name), Circuit(tenantId, g.PluginId, g.Name, labels: true)) : rule;

    public IModerationRule Contain(IModerationRule rule, string tenantId) => rule is GuardedModerationRule g ? g.With(Circuit(tenantId, g.PluginId, g.Name)) : rule;

    public IAnonymityPolicy Contain(IAnonymityPolicy rule, string tenantId) => rule is GuardedAnonymityPolicy g ? g.With(Circuit(tenantId, g.PluginId, g.Name)) : rule;

    public GuardedEventHandler Contain(GuardedEventHandler handler, string tenantId) => handler.With(Circuit(tenantId, handler.PluginId, handler.Name));

    /// <summary>The rules switched off for a tenant (or for every tenant when null), now.</summary>
    public IReadOnlyList<SwitchedOffRule> SwitchedOff(string? tenantId = null) => _circuits.Values
        .Where(c => tenantId is null || c.TenantId == tenantId)
        .Select(c => c.SwitchedOff).OfType<SwitchedOffRule>()
        .OrderBy(s => s.TenantId, StringComparer.Ordinal).ThenBy(s => s.Rule, StringComparer.Ordinal).ToList();

    public IReadOnlyList<PluginFailures> Failures => _failures.Values.OrderBy(f => f.PluginId, StringComparer.Ordinal).ToList();

    public PluginFailures? FailuresOf(string pluginId) => _failures.GetValueOrDefault(pluginId);

    internal void Record(string pluginId, string message)
    {
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(pluginId, _ => new PluginFailures(pluginId, 1, now, message),
            (_, old) => new PluginFailures(pluginId, old.Count + 1, now, message));
    }
}
