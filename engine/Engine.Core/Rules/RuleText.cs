using System.Text.Json;
using Engine.Core.Tenancy;

namespace Engine.Core.Rules;

/// <summary>Rule choices as admins read them, in the settings pages and in the audit log's before and after.</summary>
public static class RuleText
{
    /// <summary>"budget (votes: 5)".</summary>
    public static string Describe(RuleChoice choice) =>
        choice.Settings is not { Count: > 0 } settings ? choice.Rule
        : $"{choice.Rule} ({string.Join(", ", settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {Value(s.Value)}"))})";

    public static string Voting(RuleChoice? choice) => choice is null ? "built in" : Describe(choice);
    public static string Anonymity(RuleChoice? choice) => choice is null ? "built in" : Describe(choice);
    public static string Moderation(IReadOnlyList<RuleChoice>? choices) =>
        choices is not { Count: > 0 } ? "none" : string.Join(", then ", choices.Select(Describe));

    public static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Value)),
        _ => value.GetRawText(),
    };
}
