namespace Engine.Plugins.Rules.Tests;

/// <summary>Stands in for the engine's registrar: remembers what a plugin registers.</summary>
internal sealed class RecordingRegistrar : IRuleRegistrar
{
    public sealed record Registration(string Kind, string Name, Func<RuleSettings, object> Create);

    public List<Registration> Rules { get; } = [];

    public void AddVotingRule(string name, Func<RuleSettings, IVotingRule> create) => Rules.Add(new("voting", name, create));
    public void AddModerationRule(string name, Func<RuleSettings, IModerationRule> create) => Rules.Add(new("moderation", name, create));
    public void AddAnonymityPolicy(string name, Func<RuleSettings, IAnonymityPolicy> create) => Rules.Add(new("anonymity", name, create));
    public void AddEventHandler(string name, Func<RuleSettings, IEventHandler> create) => Rules.Add(new("events", name, create));

    public IModerationRule CreateModerationRule(string name, RuleSettings settings) =>
        (IModerationRule)Rules.Single(rule => rule.Name == name).Create(settings);
}
