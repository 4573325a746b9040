namespace Engine.Sdk;

/// <summary>
/// Where a rule writes what a site's operators should know (a post held after reports, a setting that makes no sense).
/// It goes to the engine's log under the category <c>Engine.Plugins.{plugin id}.{rule name}</c>, with the tenant's
/// log fields around it. Messages are templates with named holes, as .NET logging takes them:
/// <c>Log.Information("Held after {Reporters} reports", tally.DistinctReporters)</c>. A rule that writes more than
/// the engine allows in a minute has the rest of that minute's messages dropped, with one warning saying so.
/// Never write a member's name, email or anything an anonymity policy keeps apart: operators read the log.
/// </summary>
public interface IRuleLog
{
    void Information(string message, params object?[] values);
    void Warning(string message, params object?[] values);
    void Error(Exception? exception, string message, params object?[] values);
}

/// <summary>A log that writes nothing: what a rule has when the engine gives none (a unit test's own settings).</summary>
public sealed class NoRuleLog : IRuleLog
{
    public static readonly NoRuleLog Instance = new();
    public void Information(string message, params object?[] values) { }
    public void Warning(string message, params object?[] values) { }
    public void Error(Exception? exception, string message, params object?[] values) { }
}
