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
            return (null, new(name, "is not one of the rule's settings", $"setting '{name}' is not one of the rule's settings ({string.Join(", ", rule.Settings.Keys.DefaultIfEmpty("none"))})."));
        foreach (var (name, schema) in rule.Settings)
        {
            JsonElement? json = given is not null && given.TryGetValue(name, out var v) ? v : schema.Default;
            if (json is null) return (null, new(name, "has no value and no default.", $"setting '{name}' has no value and no default."));
            var (value, problem) = Convert(schema, json.Value);
            if (problem is not null) return (null, new(name, problem, $"setting '{name}': {problem}"));
            values[name] = value!;
        }
        return (values, null);
    }

    public static string? CheckDefault(SettingSchema schema)
    {
        if (schema.Type == SettingType.Enum && (schema.Choices is null || schema.Choices.Count == 0))
            return "an enum setting needs choices.";
        return schema.Default is { } d ? Convert(schema, d).Problem : null;
    }

    private static (object? Value, string? Problem) Convert(SettingSchema schema, JsonElement json)
    {
        switch (schema.Type)
        {
            case SettingType.Bool:
                return json.ValueKind is JsonValueKind.True or JsonValueKind.False ? (json.GetBoolean(), null) : (null, "must be true or false.");
            case SettingType.Int:
                if (json.ValueKind != JsonValueKind.Number || !json.TryGetInt32(out var i)) return (null, "must be a whole number.");
                if (schema.Min is { } min && i < min) return (null, $"must be at least {min}, not {i}.");
                if (schema.Max is { } max && i > max) return (null, $"must be at most {max}, not {i}.");
                return (i, null);
            case SettingType.String:
                return json.ValueKind == JsonValueKind.String ? (json.GetString()!, null) : (null, "must be text.");
            case SettingType.Enum:
                var choice = json.ValueKind == JsonValueKind.String ? json.GetString() : null;
                return choice is not null && schema.Choices!.Contains(choice)
                    ? (choice, null)
                    : (null, $"must be one of {string.Join(", ", schema.Choices!)}.");
            case SettingType.List:
                if (json.ValueKind != JsonValueKind.Array || json.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                    return (null, "must be a list of text values.");
                return (json.EnumerateArray().Select(e => e.GetString()!).ToList().AsReadOnly(), null);
            default:
                return (null, $"has an unknown type {schema.Type}.");
        }
    }
}

/// <summary>Which setting is wrong, what is wrong with it, and the message tenant.json's problems use.</summary>
public sealed record SettingProblem(string Setting, string Problem, string Message);
