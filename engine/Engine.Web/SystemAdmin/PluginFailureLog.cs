using System.Collections.Concurrent;

namespace Engine.Web.SystemAdmin;

/// <summary>A plugin's recent failures at run time, as the system administrator sees them.</summary>
public sealed record PluginFailures(string PluginId, int Count, DateTimeOffset LastAt, string LastMessage);

/// <summary>
/// Counts plugin failures (a rule that threw or overran its time budget) from the log itself: every
/// such failure is already logged as an error with a PluginId field, so nothing in the plugin host
/// has to remember to report it twice. Kept in memory per engine node, since the last start.
/// </summary>
public sealed class PluginFailureLog(TimeProvider clock) : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, PluginFailures> _failures = new(StringComparer.Ordinal);

    public IReadOnlyList<PluginFailures> All => _failures.Values.OrderBy(f => f.PluginId, StringComparer.Ordinal).ToList();

    public PluginFailures? For(string pluginId) => _failures.GetValueOrDefault(pluginId);

    public ILogger CreateLogger(string categoryName) => new Listener(this);

    public void Dispose() { }

    private void Record(string pluginId, string message)
    {
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(pluginId, _ => new PluginFailures(pluginId, 1, now, message),
            (_, old) => new PluginFailures(pluginId, old.Count + 1, now, message));
    }

    private sealed class Listener(PluginFailureLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Error || state is not IReadOnlyList<KeyValuePair<string, object?>> fields) return;
            foreach (var field in fields)
                if (field.Key == "PluginId" && field.Value is string pluginId)
                {
                    log.Record(pluginId, formatter(state, exception));
                    return;
                }
        }
    }
}
