using Microsoft.Extensions.Logging;

namespace Engine.Plugins.Rules;

/// <summary>
/// Runs plugin code with a time budget. A rule that throws or overruns is reported (with its
/// plugin id) as a <see cref="RuleFailedException"/>; the caller then fails safe for its kind.
/// A rule that hangs keeps its thread, but never the request.
/// </summary>
internal static class Guard
{
    public static T Run<T>(string pluginId, string rule, TimeSpan budget, ILogger logger, Func<T> call)
    {
        var task = Task.Run(call);
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
