using Microsoft.Extensions.Logging;

namespace Engine.Plugins.Rules;

/// <summary>
/// Runs plugin code that is called once, not per request (a rule's factory, when a tenant's rules are built), with a
/// time budget. A rule that throws or overruns is reported (with its plugin id) as a <see cref="RuleFailedException"/>;
/// the caller then fails safe for its kind. Calls made per request go through a <see cref="RuleCircuit"/> instead,
/// which also bounds the threads a hanging rule can keep and switches a failing rule off.
/// </summary>
internal static class Guard
{
    public static T Run<T>(string pluginId, string rule, TimeSpan budget, ILogger logger, Func<T> call)
    {
        // Its own thread, not the pool's: the caller blocks on a pool thread, and a pool busy with
        // such callers would not get round to the rule before the budget ran out (starvation).
        // A thread per call costs tens of microseconds; a small dedicated scheduler is the next step
        // if the vote path needs it.
        var task = Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (task.Wait(budget)) return task.Result;
        }
        catch (AggregateException e)
        {
            var error = e.GetBaseException();
            logger.LogError(error, "Plugin {PluginId} rule {Rule} threw {Exception}", pluginId, rule, error.GetType().Name);
            throw new RuleFailedException(pluginId, rule, $"threw {error.GetType().Name}");
        }
        logger.LogError("Plugin {PluginId} rule {Rule} took longer than its budget of {BudgetMs} ms", pluginId, rule, budget.TotalMilliseconds);
        throw new RuleFailedException(pluginId, rule, $"took longer than {budget.TotalMilliseconds} ms");
    }
}

public sealed class RuleFailedException(string pluginId, string rule, string what)
    : Exception($"The rule '{rule}' of plugin '{pluginId}' failed: it {what}.")
{
    public string PluginId { get; } = pluginId;
    public string Rule { get; } = rule;
}
