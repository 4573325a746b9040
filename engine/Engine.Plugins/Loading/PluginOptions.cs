namespace Engine.Plugins.Loading;

/// <summary>Engine:Plugins in configuration.</summary>
public sealed class PluginOptions
{
    public const string Section = "Engine:Plugins";

    /// <summary>
    /// In Production, the SHA-256 of every plugin the engine may load (see <see cref="PluginHash"/>); any other plugin is
    /// refused. Plugins run inside the engine's process with all its rights, so only builds the operator chose may run.
    /// </summary>
    public List<string> Allowed { get; set; } = [];
}
