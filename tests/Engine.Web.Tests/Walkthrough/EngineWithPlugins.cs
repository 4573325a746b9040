namespace Engine.Web.Tests.Walkthrough;

/// <summary>The engine, loading plugins only from the given folder (where a walkthrough installed the ones it built).</summary>
internal sealed class EngineWithPlugins(string pluginsPath) : EngineApp
{
    protected override string PluginsPath => pluginsPath;
}
