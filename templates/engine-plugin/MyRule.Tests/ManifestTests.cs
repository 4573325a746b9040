using System.Text.Json;

namespace MyRule.Tests;

/// <summary>
/// The engine refuses a plugin whose plugin.json declares a rule the plugin does not register, so
/// check here that every declared rule is registered under its kind and name and can be created
/// from its settings' defaults.
/// </summary>
public class ManifestTests
{
    [Fact]
    public void Every_rule_in_plugin_json_is_registered_and_builds_from_its_defaults()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugin.json")));
        var registered = new Registrar();
        new MyRulePlugin().Register(registered);

        foreach (var rule in manifest.RootElement.GetProperty("rules").EnumerateArray())
        {
            var kind = rule.GetProperty("kind").GetString()!;
            var name = rule.GetProperty("name").GetString()!;
            var factory = kind switch
            {
                "voting" => registered.Voting.GetValueOrDefault(name),
                "moderation" => registered.Moderation.GetValueOrDefault(name),
                "anonymity" => registered.Anonymity.GetValueOrDefault(name),
                "events" => registered.Events.GetValueOrDefault(name),
                _ => null,
            };
            factory.Should().NotBeNull($"plugin.json declares the {kind} rule '{name}', but the plugin does not register it");
            factory!(Defaults(rule)).Should().NotBeNull();
        }
    }

    /// <summary>What the engine hands a rule when a tenant gives no settings: each setting's default, typed.</summary>
    private static RuleSettings Defaults(JsonElement rule)
    {
        var values = new Dictionary<string, object>();
        if (rule.TryGetProperty("settings", out var settings))
            foreach (var setting in settings.EnumerateObject())
            {
                if (!setting.Value.TryGetProperty("default", out var value)) continue;
                values[setting.Name] = setting.Value.GetProperty("type").GetString() switch
                {
                    "bool" => value.GetBoolean(),
                    "int" => value.GetInt32(),
                    "list" => value.EnumerateArray().Select(e => e.GetString()!).ToList().AsReadOnly(),
                    _ => value.GetString()!,
                };
            }
        return new RuleSettings(values);
    }

    private sealed class Registrar : IRuleRegistrar
    {
        public Dictionary<string, Func<RuleSettings, object>> Voting { get; } = [];
        public Dictionary<string, Func<RuleSettings, object>> Moderation { get; } = [];
        public Dictionary<string, Func<RuleSettings, object>> Anonymity { get; } = [];

        public void AddVotingRule(string name, Func<RuleSettings, IVotingRule> create) => Voting[name] = create;
        public void AddModerationRule(string name, Func<RuleSettings, IModerationRule> create) => Moderation[name] = create;
        public void AddAnonymityPolicy(string name, Func<RuleSettings, IAnonymityPolicy> create) => Anonymity[name] = create;
        public Dictionary<string, Func<RuleSettings, object>> Events { get; } = [];
        public void AddEventHandler(string name, Func<RuleSettings, IEventHandler> create) => Events[name] = create;
    }
}
