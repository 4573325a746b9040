using System.Text.Json;

namespace Engine.Sdk;

/// <summary>
/// A plugin's own key/value store on one site (SDK 1.3), kept in the engine's database: <see cref="RuleSettings.State"/>.
/// Values are JSON. What one site's copy of a plugin keeps, no other site's copy can read, and no other plugin.
/// A value may be at most <see cref="StateLimits.ValueBytes"/> bytes of UTF-8 JSON, a key <see cref="StateLimits.KeyLength"/>
/// characters, and a plugin's values on one site together <see cref="StateLimits.PluginBytes"/>; a write past a limit
/// throws <see cref="StateLimitException"/> and changes nothing. Calls go to the database: keep them out of hot paths
/// such as ranking scores.
/// </summary>
public interface IPluginState
{
    /// <summary>The value stored under the key, or null when there is none.</summary>
    JsonElement? Get(string key);

    void Set(string key, JsonElement value);

    /// <summary>True when there was a value to remove.</summary>
    bool Remove(string key);

    /// <summary>The keys stored, in order, that start with <paramref name="prefix"/>.</summary>
    IReadOnlyList<string> Keys(string prefix = "");
}

public static class StateLimits
{
    public const int KeyLength = 200;
    public const int ValueBytes = 64 * 1024;
    public const int PluginBytes = 1024 * 1024;
}

/// <summary>A write to <see cref="IPluginState"/> past one of its <see cref="StateLimits"/>; the message names the key and the limit.</summary>
public sealed class StateLimitException(string message) : Exception(message);

/// <summary>What a rule has when the engine gives no state (a unit test's own settings): every write is refused.</summary>
public sealed class NoPluginState : IPluginState
{
    public static readonly NoPluginState Instance = new();
    public JsonElement? Get(string key) => null;
    public void Set(string key, JsonElement value) => throw new InvalidOperationException("This rule was made without plugin state (RuleSettings.State).");
    public bool Remove(string key) => false;
    public IReadOnlyList<string> Keys(string prefix = "") => [];
}
