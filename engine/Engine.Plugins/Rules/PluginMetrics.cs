using System.Diagnostics.Metrics;

namespace Engine.Plugins.Rules;

/// <summary>
/// Calls into plugins, and those that ran past their budget (docs/operations.md), per plugin: a plugin that overruns
/// slows every request that asks it, until its circuit opens. Measured only while a listener subscribes to "Engine.Plugins".
/// </summary>
internal static class PluginMetrics
{
    private static readonly Meter Meter = new("Engine.Plugins");

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("engine.plugins.calls", "{call}",
        "Calls into a plugin's rules and event handlers, by plugin and outcome (ok, failed, overran).");

    private static readonly Counter<long> Overruns = Meter.CreateCounter<long>("engine.plugins.overruns", "{call}",
        "Calls into a plugin that ran past their time budget, or were not made because earlier ones still ran past theirs.");

    /// <summary>Counts the call by how it went, and gives its outcome back.</summary>
    public static (T? Result, string? Failure, Exception? Error) Counted<T>(string pluginId, (T? Result, string? Failure, Exception? Error) outcome)
    {
        if (!Calls.Enabled) return outcome;
        var plugin = new KeyValuePair<string, object?>("engine.plugin", pluginId);
        // A failure with no exception is a call that ran out of time, or was not made for lack of time.
        var overran = outcome.Failure is not null && outcome.Error is null;
        Calls.Add(1, plugin, new KeyValuePair<string, object?>("engine.outcome", outcome.Failure is null ? "ok" : overran ? "overran" : "failed"));
        if (overran) Overruns.Add(1, plugin);
        return outcome;
    }
}
