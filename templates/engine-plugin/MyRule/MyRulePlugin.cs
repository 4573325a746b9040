using Engine.Sdk;

namespace MyRule;

/// <summary>
/// The plugin's entry point: the engine creates it once when it loads the plugin. Every rule
/// registered here must be declared in plugin.json with the same kind and name.
/// </summary>
public sealed class MyRulePlugin : IPlugin
{
#if (kind == "voting")
    public void Register(IRuleRegistrar rules) =>
        rules.AddVotingRule("my-rule", settings => new MyRuleRule(settings.Int("halfLifeHours")));
#elif (kind == "moderation")
    public void Register(IRuleRegistrar rules) =>
        rules.AddModerationRule("my-rule", settings => new MyRuleRule(settings.Int("minLetters")));
#elif (kind == "events")
    public void Register(IRuleRegistrar rules) =>
        rules.AddEventHandler("my-rule", settings => new MyRuleRule(settings.State, settings.Bool("countApproved")));
#else
    public void Register(IRuleRegistrar rules) =>
        rules.AddAnonymityPolicy("my-rule", settings => new MyRuleRule(settings.Bool("fullyAnonymous")));
#endif
}
