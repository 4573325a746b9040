using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engine.Plugins.Rules.Tests.Manifests;

/// <summary>plugin.json as the engine's loader reads it (camelCase; unknown fields are a mistake).</summary>
internal sealed record PluginManifest(
    string Id, string Name, string Version, string Engine, string EntryAssembly, string Description, List<ManifestRule> Rules)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static PluginManifest Read(string pluginFolder) =>
        JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(Path.Combine(pluginFolder, "plugin.json")), Options)
        ?? throw new InvalidDataException($"{pluginFolder}/plugin.json is empty");
}

internal sealed record ManifestRule(string Kind, string Name, string Description, Dictionary<string, ManifestSetting> Settings);

internal sealed record ManifestSetting(string Type, JsonElement Default, string Description, int? Min = null, int? Max = null, List<string>? Choices = null)
{
    /// <summary>The default as the host hands it to a rule (bool, int, string, IReadOnlyList of string), or null if it is not of the declared type.</summary>
    public object? TypedDefault() => (Type, Default.ValueKind) switch
    {
        ("bool", JsonValueKind.True or JsonValueKind.False) => Default.GetBoolean(),
        ("int", JsonValueKind.Number) when Default.TryGetInt32(out var number) => number,
        ("string" or "enum", JsonValueKind.String) => Default.GetString(),
        ("list", JsonValueKind.Array) when Default.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
            Default.EnumerateArray().Select(item => item.GetString()!).ToArray(),
        _ => null,
    };
}
