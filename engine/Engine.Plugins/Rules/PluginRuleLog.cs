using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Plugins.Rules;

/// <summary>
/// A rule's <see cref="IRuleLog"/>: the engine's log under <c>Engine.Plugins.{plugin}.{rule}</c>, at most
/// <see cref="PerMinute"/> messages a minute per rule instance, so a rule that logs in a loop cannot fill the disk
/// or drown everything else; the first message dropped in a minute is replaced by one warning saying so.
/// </summary>
public sealed class PluginRuleLog(ILogger logger, TimeProvider clock) : IRuleLog
{
    public const int PerMinute = 60;

    private readonly object _gate = new();
    private long _minute = -1;
    private int _count;

    public static string Category(string plugin, string rule) => $"Engine.Plugins.{plugin}.{rule}";

    public void Information(string message, params object?[] values) => Write(LogLevel.Information, null, message, values);
    public void Warning(string message, params object?[] values) => Write(LogLevel.Warning, null, message, values);
    public void Error(Exception? exception, string message, params object?[] values) => Write(LogLevel.Error, exception, message, values);

    private void Write(LogLevel level, Exception? exception, string message, object?[] values)
    {
        if (!logger.IsEnabled(level)) return;
        int count;
        lock (_gate)
        {
            var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
            if (minute != _minute) (_minute, _count) = (minute, 0);
            count = ++_count;
        }
        if (count == PerMinute + 1)
            logger.LogWarning("The rule wrote more than {Limit} log messages in a minute; the rest of this minute's are dropped", PerMinute);
        if (count > PerMinute) return;
#pragma warning disable CA2254 // the template is the plugin's own, as the SDK documents
        logger.Log(level, exception, message, values);
#pragma warning restore CA2254
    }
}
