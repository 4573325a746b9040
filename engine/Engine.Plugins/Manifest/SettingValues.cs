using System.Text.Json;

namespace Engine.Plugins.Manifest;

/// <summary>
/// Turns the JSON a tenant wrote for a rule's settings into typed values checked against the rule's
/// schema: defaults fill what the tenant left out; anything wrong is named by setting.
/// </summary>
public static class SettingValues
{
    public static (IReadOnlyDictionary<string, object>? Values, string? Problem) Bind(
        RuleManifest rule, IReadOnlyDictionary<string, JsonElement>? given)
    {
        var (values, problem) = BindNamed(rule, given);
        return (values, problem?.Message);
    }

    /// <summary>As <see cref="Bind"/>, with the problem's setting kept apart from its message (for a form to mark the field).</summary>
    public static (IReadOnlyDictionary<string, object>? Values, SettingProblem? Problem) BindNamed(
        RuleManifest rule, IReadOnlyDictionary<string, JsonElement>? given)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var name in (given?.Keys ?? []).Where(k => !rule.Settings.ContainsKey(k)))
        {
            var known = string.Join(", ", rule.Settings.Keys.DefaultIfEmpty("none"));
            return (null, new(name, "is not one of the rule's settings", $"setting '{name}' is not one of the rule's settings ({known}).")
                { Kind = SettingFault.NotASetting, Values = [known] });
        }
        foreach (var (name, schema) in rule.Settings)
        {
            JsonElement? json = given is not null && given.TryGetValue(name, out var v) ? v : schema.Default;
            if (json is null) return (null, new(name, "has no value and no default.", $"setting '{name}' has no value and no default.") { Kind = SettingFault.NoValue });
            var (value, fault) = Convert(schema, json.Value);
            if (fault is not null) return (null, new(name, fault.English, $"setting '{name}': {fault.English}") { Kind = fault.Kind, Values = fault.Values });
            values[name] = value!;
        }
        return (values, null);
    }

    public static string? CheckDefault(SettingSchema schema)
    {
        if (schema.Type == SettingType.Enum && (schema.Choices is null || schema.Choices.Count == 0))
            return "an enum setting needs choices.";
        return schema.Default is { } d ? Convert(schema, d).Fault?.English : null;
    }

    private static (object? Value, SettingFault? Fault) Convert(SettingSchema schema, JsonElement json)
    {
        switch (schema.Type)
        {
            case SettingType.Bool:
                return json.ValueKind is JsonValueKind.True or JsonValueKind.False ? (json.GetBoolean(), null) : (null, new(SettingFault.NotBoolean, "must be true or false."));
            case SettingType.Int:
                if (json.ValueKind != JsonValueKind.Number || !json.TryGetInt32(out var i)) return (null, new(SettingFault.NotWholeNumber, "must be a whole number."));
                if (schema.Min is { } min && i < min) return (null, new(SettingFault.BelowMin, $"must be at least {min}, not {i}.", min, i));
                if (schema.Max is { } max && i > max) return (null, new(SettingFault.AboveMax, $"must be at most {max}, not {i}.", max, i));
                return (i, null);
            case SettingType.String:
                return json.ValueKind == JsonValueKind.String ? (json.GetString()!, null) : (null, new(SettingFault.NotText, "must be text."));
            case SettingType.Enum:
                var choice = json.ValueKind == JsonValueKind.String ? json.GetString() : null;
                return choice is not null && schema.Choices!.Contains(choice)
                    ? (choice, null)
                    : (null, new(SettingFault.NotAChoice, $"must be one of {string.Join(", ", schema.Choices!)}.", string.Join(", ", schema.Choices!)));
            case SettingType.List:
                if (json.ValueKind != JsonValueKind.Array || json.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                    return (null, new(SettingFault.NotTextList, "must be a list of text values."));
                return (json.EnumerateArray().Select(e => e.GetString()!).ToList().AsReadOnly(), null);
            default:
                return (null, new(SettingFault.UnknownType, $"has an unknown type {schema.Type}.", schema.Type.ToString()));
        }
    }
}

/// <summary>Which setting is wrong, what is wrong with it, and the message tenant.json's problems use.</summary>
public sealed record SettingProblem(string Setting, string Problem, string Message)
{
    /// <summary>What is wrong, one of <see cref="SettingFault.Kinds"/>, so an admin page can word it in the admin's language.</summary>
    public required string Kind { get; init; }
    /// <summary>The values the problem's words name after the setting (a limit and the value given, the choices ...).</summary>
    public object[] Values { get; init; } = [];
}

/// <summary>What is wrong with a setting's value, in English (tenant.json's problems and logs) and as a kind with its values.</summary>
public sealed record SettingFault(string Kind, string English, params object[] Values)
{
    public const string NotASetting = "not-a-setting", NoValue = "no-value", NotBoolean = "not-boolean", NotWholeNumber = "not-whole-number",
        BelowMin = "below-min", AboveMax = "above-max", NotText = "not-text", NotAChoice = "not-a-choice", NotTextList = "not-text-list",
        UnknownType = "unknown-type";

    /// <summary>Every kind, for the test that finds each worded in every admin language.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        [NotASetting, NoValue, NotBoolean, NotWholeNumber, BelowMin, AboveMax, NotText, NotAChoice, NotTextList, UnknownType];
}
