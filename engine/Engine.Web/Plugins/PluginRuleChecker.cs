using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Plugins.Loading;
using Engine.Plugins.Manifest;

namespace Engine.Web.Plugins;

/// <summary>Checks an admin's rule choice against the loaded plugins with the same schema binding tenant.json's choices go through.</summary>
public sealed class PluginRuleChecker(PluginCatalog catalog) : IRuleChoiceChecker
{
    public RuleChoiceProblem? Check(RulePart part, RuleChoice choice)
    {
        var kind = Kind(part);
        if (catalog.Find(kind, choice.Rule ?? "") is not { } found)
            return new(null, $"There is no {part.ToString().ToLowerInvariant()} rule called '{choice.Rule}' among the loaded plugins.")
            {
                Key = $"admin.rules.no-such-rule.{part.ToString().ToLowerInvariant()}",
                Values = [choice.Rule ?? ""],
            };
        var (_, problem) = SettingValues.BindNamed(found.Rule, choice.Settings);
        return problem is null ? null : new(problem.Setting, $"The setting '{problem.Setting}' {problem.Problem}")
        {
            Key = $"admin.rules.setting.{problem.Kind}",
            Values = [problem.Setting, .. problem.Values],
        };
    }

    public static RuleKind Kind(RulePart part) => part switch
    {
        RulePart.Voting => RuleKind.Voting,
        RulePart.Moderation => RuleKind.Moderation,
        _ => RuleKind.Anonymity,
    };
}
