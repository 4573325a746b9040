namespace Engine.Sdk;

/// <summary>The version of this SDK. A plugin's manifest names the range it works with ("engine": "^1.0").</summary>
public static class SdkVersion
{
    public static readonly Version Current = new(1, 5, 0);
}

/// <summary>
/// A plugin's entry point: one public class with a parameterless constructor in the entry assembly.
/// The engine calls <see cref="Register"/> once when it loads the plugin.
/// </summary>
public interface IPlugin
{
    void Register(IRuleRegistrar rules);
}

/// <summary>
/// Where a plugin names its rules. Each rule name must also appear in the plugin's plugin.json with
/// its kind and settings schema; the engine validates a tenant's settings against that schema and
/// calls the factory with them, once per tenant (and challenge) configuration.
/// </summary>
public interface IRuleRegistrar
{
    void AddVotingRule(string name, Func<RuleSettings, IVotingRule> create);
    void AddModerationRule(string name, Func<RuleSettings, IModerationRule> create);
    void AddAnonymityPolicy(string name, Func<RuleSettings, IAnonymityPolicy> create);

    /// <summary>An event handler (SDK 1.3; kind "events" in plugin.json), made once for each site that chooses it.</summary>
    void AddEventHandler(string name, Func<RuleSettings, IEventHandler> create) =>
        throw new NotSupportedException("This engine takes no event handlers: it needs SDK 1.3 or later.");
}

/// <summary>
/// A rule's settings, already checked against the schema in plugin.json: a setting declared there
/// is always present (its default when the tenant says nothing) and of the declared type.
/// </summary>
public sealed partial class RuleSettings(IReadOnlyDictionary<string, object> values)
{
    public static readonly RuleSettings Empty = new(new Dictionary<string, object>());

    public IReadOnlyDictionary<string, object> Values { get; } = values;

    /// <summary>The rule's own log (SDK 1.1): keep it in the rule the factory makes.</summary>
    public IRuleLog Log { get; init; } = NoRuleLog.Instance;

    /// <summary>The plugin's own key/value store on the site the rule is made for (SDK 1.3).</summary>
    public IPluginState State { get; init; } = NoPluginState.Instance;

    public bool Bool(string name) => Get<bool>(name);
    public int Int(string name) => Get<int>(name);
    public string String(string name) => Get<string>(name);
    public IReadOnlyList<string> List(string name) => Get<IReadOnlyList<string>>(name);

    private T Get<T>(string name) => Values.TryGetValue(name, out var value) && value is T typed
        ? typed
        : throw new KeyNotFoundException($"Setting '{name}' is not declared as {typeof(T).Name} in plugin.json.");
}
