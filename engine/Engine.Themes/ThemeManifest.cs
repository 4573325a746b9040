using System.Text.Json;

namespace Engine.Themes;

/// <summary>A theme's <c>theme.json</c>: its name, and the theme it builds on, if any.</summary>
public sealed record ThemeManifest(string Name, string Version = "1.0.0", string? BaseTheme = null, string Description = "")
{
    public const string FileName = "theme.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ThemeManifest Read(string folder)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file)) throw new ThemeException(file, "is missing: every theme folder needs a theme.json.");
        try
        {
            return JsonSerializer.Deserialize<ThemeManifest>(File.ReadAllBytes(file), Json)
                   ?? throw new ThemeException(file, "is empty.");
        }
        catch (JsonException e)
        {
            throw new ThemeException(file, $"line {(e.LineNumber ?? 0) + 1}: {e.Message}");
        }
    }
}

public sealed class ThemeException(string file, string message) : Exception($"{file}: {message}")
{
    public string File { get; } = file;
}
