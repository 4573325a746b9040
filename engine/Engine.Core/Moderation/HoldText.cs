using System.Text.Json;
using Engine.Sdk;

namespace Engine.Core.Moderation;

/// <summary>
/// Why content was held, as a key and its values rather than a sentence, stored beside the content so that each moderator
/// reads it in their own language: a key in the catalogues of the plugin <see cref="PluginId"/>, or, with no plugin, in
/// the engine's own (<c>admin.*</c>). The English sentence is stored too, for whatever cannot word the key.
/// </summary>
public sealed record HoldText(string? PluginId, string Key, IReadOnlyList<object> Values)
{
    /// <summary>The engine's own reason: a key in its catalogues.</summary>
    public static HoldText Engine(string key, params object[] values) => new(null, key, values);

    /// <summary>As stored in the content's <c>hold_text</c> column.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Stored(PluginId, Key, Values.Select(v => v is null ? "" : v).ToArray()));

    /// <summary>What <see cref="ToJson"/> wrote, with whole numbers back as numbers (a plural form is chosen by them); null for none or for what is not ours.</summary>
    public static HoldText? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            var stored = JsonSerializer.Deserialize<StoredElements>(json);
            return stored?.Key is { Length: > 0 } key ? new HoldText(stored.Plugin, key, (stored.Values ?? []).Select(Value).ToList()) : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>The text a rule's keyed hold gives, with the plugin whose catalogues word it.</summary>
    public static HoldText Of(string? pluginId, PluginText text) => new(pluginId, text.Key, text.Values);

    private static object Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => value.GetString()!,
        _ => value.ToString(),
    };

    private sealed record Stored(string? Plugin, string Key, object[] Values);
    private sealed record StoredElements(string? Plugin, string? Key, JsonElement[]? Values);
}
