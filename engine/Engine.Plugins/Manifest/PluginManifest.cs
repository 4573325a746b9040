using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engine.Plugins.Manifest;

/// <summary>A plugin's <c>plugin.json</c>: who it is, which engine it needs, and its rules with their settings schemas.</summary>
public sealed record PluginManifest
{
    public const string FileName = "plugin.json";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    /// <summary>The SDK versions it works with: "^1.0", ">=1.2", "1.0.0" or "*".</summary>
    public required string Engine { get; init; }
    public required string EntryAssembly { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<RuleManifest> Rules { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };
}

public enum RuleKind { Voting, Moderation, Anonymity, Events }

public sealed record RuleManifest
{
    public required RuleKind Kind { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyDictionary<string, SettingSchema> Settings { get; init; } = new Dictionary<string, SettingSchema>();
}

public enum SettingType { Bool, Int, String, Enum, List }

/// <summary>One setting of a rule: its type, default and limits. The admin form is generated from this.</summary>
public sealed record SettingSchema
{
    public required SettingType Type { get; init; }
    public JsonElement? Default { get; init; }
    public int? Min { get; init; }
    public int? Max { get; init; }
    public IReadOnlyList<string>? Choices { get; init; }
    /// <summary>What the admin form calls the setting; without it, the setting's name in words ("nhsNumbers" -> "Nhs numbers").</summary>
    public string? Label { get; init; }
    public string Description { get; init; } = "";
}
