using System.Runtime.Loader;
using Engine.Plugins.Manifest;
using Engine.Sdk;
using AssemblyLoader = McMaster.NETCore.Plugins.PluginLoader;

namespace Engine.Plugins.Loading;

/// <summary>A plugin that loaded: its manifest and the rule factories it registered.</summary>
public sealed class LoadedPlugin
{
    // The loader keeps its context even once unloaded, so nothing may keep a LoadedPlugin after Unload.
    private readonly AssemblyLoader _loader;

    internal LoadedPlugin(PluginManifest manifest, string folder, string sha256, AssemblyLoader loader, Registrar rules, PluginWords words)
    {
        Words = words;
        Manifest = manifest;
        Folder = folder;
        Sha256 = sha256;
        _loader = loader;
        Rules = rules;
    }

    public PluginManifest Manifest { get; }
    public string Folder { get; }
    /// <summary>What the allow-list names it by: see <see cref="PluginHash"/>.</summary>
    public string Sha256 { get; }
    /// <summary>Its own catalogues (<c>locales/</c>): the words of its refusals, labels and settings in each language it ships.</summary>
    public PluginWords Words { get; }
    internal AssemblyLoadContext Context => _loader.LoadContext;
    internal Registrar Rules { get; }

    /// <summary>Unloads the plugin's context; it is collected once nothing holds its rules, nor this.</summary>
    internal void Unload() => _loader.Dispose();

    /// <summary>Records what a plugin registers; only SDK types cross the boundary.</summary>
    internal sealed class Registrar : IRuleRegistrar
    {
        public Dictionary<string, Func<RuleSettings, IVotingRule>> Voting { get; } = [];
        public Dictionary<string, Func<RuleSettings, IModerationRule>> Moderation { get; } = [];
        public Dictionary<string, Func<RuleSettings, IAnonymityPolicy>> Anonymity { get; } = [];
        public Dictionary<string, Func<RuleSettings, IEventHandler>> Events { get; } = [];

        public void AddVotingRule(string name, Func<RuleSettings, IVotingRule> create) => Voting[name] = create;
        public void AddModerationRule(string name, Func<RuleSettings, IModerationRule> create) => Moderation[name] = create;
        public void AddAnonymityPolicy(string name, Func<RuleSettings, IAnonymityPolicy> create) => Anonymity[name] = create;
        public void AddEventHandler(string name, Func<RuleSettings, IEventHandler> create) => Events[name] = create;

        public bool Has(RuleKind kind, string name) => kind switch
        {
            RuleKind.Voting => Voting.ContainsKey(name),
            RuleKind.Moderation => Moderation.ContainsKey(name),
            RuleKind.Events => Events.ContainsKey(name),
            _ => Anonymity.ContainsKey(name),
        };
    }
}

/// <summary>A plugin folder that was refused, and why; shown to administrators and in the log.</summary>
public sealed record PluginProblem(string Plugin, string Folder, string Message)
{
    public override string ToString() => Message;
}
