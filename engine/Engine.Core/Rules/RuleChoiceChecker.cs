using Engine.Core.Tenancy;

namespace Engine.Core.Rules;

public enum RulePart { Voting, Moderation, Anonymity }

/// <summary>A problem with one rule choice: <see cref="Setting"/> is the setting at fault, or null when the rule itself is.</summary>
public sealed record RuleChoiceProblem(string? Setting, string Message)
{
    /// <summary>The problem's key in the admin catalogues, so an admin page words it; null: it reads as <see cref="Message"/>.</summary>
    public string? Key { get; init; }
    public object[] Values { get; init; } = [];
}

/// <summary>
/// Checks an admin's rule choice against the loaded plugins exactly as a choice in tenant.json is
/// checked (the rule exists and is of that kind; its settings match its schema). The host implements it.
/// </summary>
public interface IRuleChoiceChecker
{
    RuleChoiceProblem? Check(RulePart part, RuleChoice choice);
}
