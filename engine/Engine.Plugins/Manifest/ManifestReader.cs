using System.Text.Json;
using Engine.Sdk;

namespace Engine.Plugins.Manifest;

/// <summary>Reads and checks a plugin folder's plugin.json; a problem names the plugin and the reason.</summary>
public static class ManifestReader
{
    public static (PluginManifest? Manifest, string? Problem) Read(string folder)
    {
        var file = Path.Combine(folder, PluginManifest.FileName);
        var label = $"plugin '{Path.GetFileName(folder)}' ({file})";
        if (!File.Exists(file)) return (null, $"{label}: has no {PluginManifest.FileName}.");
        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllBytes(file), PluginManifest.Json);
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" Path:")[0];
            return (null, $"{label}, line {(e.LineNumber ?? 0) + 1}: {message}");
        }
        if (manifest is null) return (null, $"{label}: is empty.");
        return Check(manifest, $"plugin '{manifest.Id}' ({file})") is { } problem ? (null, problem) : (manifest, null);
    }

    private static string? Check(PluginManifest m, string label)
    {
        if (!VersionRange.TryParse(m.Engine, out var range))
            return $"{label}: engine '{m.Engine}' is not a version range such as ^1.0.";
        if (!range.Includes(SdkVersion.Current))
            return $"{label}: needs engine SDK {m.Engine}, but this engine has SDK {SdkVersion.Current}.";
        if (m.EntryAssembly.Contains('/') || m.EntryAssembly.Contains('\\') || !m.EntryAssembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            return $"{label}: entryAssembly must be a .dll file name in the plugin folder, not '{m.EntryAssembly}'.";
        if (m.Rules.Count == 0) return $"{label}: declares no rules.";
        foreach (var rule in m.Rules)
            foreach (var (name, schema) in rule.Settings)
                if (SettingValues.CheckDefault(schema) is { } bad)
                    return $"{label}: rule '{rule.Name}', setting '{name}': {bad}";
        var twice = m.Rules.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? null : $"{label}: declares the rule '{twice.Key}' twice.";
    }
}
