using System.Text.Json;
using Engine.Plugins.Manifest;
using Engine.Plugins.Rules;
using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Plugins.Loading;

/// <summary>
/// Every plugin in the plugins folder: loads them, refuses the bad ones with a reason, creates
/// guarded rule instances from tenants' settings, and (in Development) swaps a plugin whose files
/// changed, unloading the old context. <see cref="Generation"/> changes on every swap, so callers
/// holding rule instances know to drop them (a kept instance would pin the old context).
/// Given an allow-list (Production), it refuses any plugin whose <see cref="PluginHash"/> is not on it.
/// </summary>
/// <param name="loggers">Where each rule's own log goes (<see cref="IRuleLog"/>); none when null.</param>
/// <param name="httpClients">Makes the HttpClient a rule asks for (<see cref="RuleSettings.CreateHttpClient"/>), given its
/// plugin's client name (<see cref="HttpClientName"/>); the SDK's plain shared one when null.</param>
/// <param name="state">Each plugin's store on a site (<see cref="IPluginState"/>), given the tenant and plugin ids; none when null.</param>
public sealed class PluginCatalog(string pluginsFolder, TimeSpan ruleBudget, ILogger<PluginCatalog> logger, IEnumerable<string>? allowed = null,
    ILoggerFactory? loggers = null, TimeProvider? clock = null, Func<string, HttpClient>? httpClients = null, Func<string, string, IPluginState>? state = null)
{
    /// <summary>The name of a plugin's HttpClient (IHttpClientFactory): one per plugin, so an operator can configure each.</summary>
    public static string HttpClientName(string pluginId) => $"Engine.Plugins.{pluginId}";

    private readonly object _gate = new();
    private readonly IReadOnlySet<string>? _allowed = allowed?.Select(h => h.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, LoadedPlugin> _plugins = [];
    private Dictionary<string, string> _stamps = new(StringComparer.Ordinal);
    private IReadOnlyList<PluginProblem> _problems = [];

    public string PluginsFolder { get; } = Path.GetFullPath(pluginsFolder);
    public int Generation { get; private set; }
    public IReadOnlyList<LoadedPlugin> Plugins => _plugins.Values.OrderBy(p => p.Manifest.Id, StringComparer.Ordinal).ToList();
    public IReadOnlyList<PluginProblem> Problems => _problems;

    /// <summary>The catalogues of the plugin loaded now under <paramref name="pluginId"/>; null if none is (a stored hold reason then reads its English).</summary>
    public PluginWords? WordsOf(string pluginId) => _plugins.Values.FirstOrDefault(p => p.Manifest.Id == pluginId)?.Words;

    /// <summary>True when some plugin folder's files differ from what was last loaded.</summary>
    public bool HasChanges()
    {
        var stamps = Folders().ToDictionary(f => f, Stamp, StringComparer.Ordinal);
        return stamps.Count != _stamps.Count || stamps.Any(s => !_stamps.TryGetValue(s.Key, out var old) || old != s.Value);
    }

    /// <summary>Loads every plugin folder whose files changed since the last call (all of them the first time). True when anything changed.</summary>
    public bool Refresh()
    {
        lock (_gate)
        {
            var stamps = Folders().ToDictionary(f => f, Stamp, StringComparer.Ordinal);
            var changed = stamps.Where(s => !_stamps.TryGetValue(s.Key, out var old) || old != s.Value).Select(s => s.Key).ToList();
            var removed = _stamps.Keys.Where(k => !stamps.ContainsKey(k)).ToList();
            if (changed.Count == 0 && removed.Count == 0) return false;
            _stamps = stamps;

            var next = _plugins.Values.Where(p => !changed.Contains(p.Folder) && !removed.Contains(p.Folder)).ToDictionary(p => p.Manifest.Id);
            var problems = _problems.Where(p => !changed.Contains(p.Folder) && !removed.Contains(p.Folder)).ToList();
            foreach (var folder in changed.Order(StringComparer.Ordinal))
            {
                var (plugin, problem) = PluginLoader.Load(folder, _allowed);
                problem ??= plugin is null ? null : Conflict(plugin, next.Values);
                if (problem is not null)
                {
                    plugin?.Unload();
                    problem = KeepServing(folder, problem, next) ?? problem;
                    problems.Add(problem);
                    logger.LogError("Plugin refused: {Problem}", problem.Message);
                    continue;
                }
                next[plugin!.Manifest.Id] = plugin;
                logger.LogInformation("Plugin {PluginId} {Version} loaded from {Folder} with rules {Rules}",
                    plugin.Manifest.Id, plugin.Manifest.Version, folder, string.Join(", ", plugin.Manifest.Rules.Select(r => r.Name)));
            }
            var retired = _plugins.Values.Where(p => !next.Values.Contains(p)).ToList();
            _plugins = next;
            _problems = problems;
            Generation++;
            foreach (var old in retired)
            {
                logger.LogInformation("Plugin {PluginId} unloaded from {Folder}", old.Manifest.Id, old.Folder);
                old.Unload();
            }
            return true;
        }
    }

    /// <summary>Finds a rule of the given kind by name, for a tenant's configuration.</summary>
    public (LoadedPlugin Plugin, RuleManifest Rule)? Find(RuleKind kind, string name)
    {
        foreach (var plugin in _plugins.Values)
            if (plugin.Manifest.Rules.FirstOrDefault(r => r.Kind == kind && r.Name == name) is { } rule)
                return (plugin, rule);
        return null;
    }

    // tenantId: the site the rule is made for, whose plugin state it is given (none when null).
    public (IVotingRule? Rule, string? Problem) CreateVoting(string name, IReadOnlyDictionary<string, JsonElement>? settings, string? tenantId = null) =>
        Create(RuleKind.Voting, name, settings, tenantId, (p, r, s) =>
            new GuardedVotingRule(p.Manifest.Id, name, p.Rules.Voting[r.Name](s), ruleBudget, logger, p.Words));

    public (IModerationRule? Rule, string? Problem) CreateModeration(string name, IReadOnlyDictionary<string, JsonElement>? settings, string? tenantId = null) =>
        Create(RuleKind.Moderation, name, settings, tenantId, (p, r, s) =>
            new GuardedModerationRule(p.Manifest.Id, name, p.Rules.Moderation[r.Name](s), ruleBudget, logger, p.Words));

    public (IAnonymityPolicy? Rule, string? Problem) CreateAnonymity(string name, IReadOnlyDictionary<string, JsonElement>? settings, string? tenantId = null) =>
        Create(RuleKind.Anonymity, name, settings, tenantId, (p, r, s) =>
            new GuardedAnonymityPolicy(p.Manifest.Id, name, p.Rules.Anonymity[r.Name](s), ruleBudget, logger, p.Words));

    public (GuardedEventHandler? Handler, string? Problem) CreateEvents(string name, IReadOnlyDictionary<string, JsonElement>? settings, string tenantId) =>
        Create(RuleKind.Events, name, settings, tenantId, (p, r, s) =>
            new GuardedEventHandler(p.Manifest.Id, name, p.Rules.Events[r.Name](s), ruleBudget, logger));

    private (T? Rule, string? Problem) Create<T>(RuleKind kind, string name, IReadOnlyDictionary<string, JsonElement>? settings, string? tenantId,
        Func<LoadedPlugin, RuleManifest, RuleSettings, T> create) where T : class
    {
        if (Find(kind, name) is not { } found)
        {
            var other = Enum.GetValues<RuleKind>().FirstOrDefault(k => k != kind && Find(k, name) is not null);
            return (null, Find(other, name) is not null
                ? $"rule '{name}' is a {other.ToString().ToLowerInvariant()} rule, not a {kind.ToString().ToLowerInvariant()} rule."
                : $"there is no {kind.ToString().ToLowerInvariant()} rule named '{name}' (is its plugin in {PluginsFolder}?).");
        }
        var (values, problem) = SettingValues.Bind(found.Rule, settings);
        if (problem is not null) return (null, $"rule '{name}': {problem}");
        try
        {
            var client = HttpClientName(found.Plugin.Manifest.Id);
            return (Guard.Run(found.Plugin.Manifest.Id, name, ruleBudget, logger, () => create(found.Plugin, found.Rule, new RuleSettings(values!)
            {
                Log = loggers is null ? NoRuleLog.Instance
                    : new PluginRuleLog(loggers.CreateLogger(PluginRuleLog.Category(found.Plugin.Manifest.Id, name)), clock ?? TimeProvider.System),
                CreateHttpClient = httpClients is null ? RuleSettings.Empty.CreateHttpClient : () => httpClients(client),
                State = state is null || tenantId is null ? NoPluginState.Instance : state(tenantId, found.Plugin.Manifest.Id),
            })), null);
        }
        catch (RuleFailedException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>
    /// A bad update (a broken build, a wrong plugin.json) must not take away the version that works: the one loaded
    /// from that folder before keeps serving (its assemblies are in memory), and the problem says so.
    /// </summary>
    private PluginProblem? KeepServing(string folder, PluginProblem problem, Dictionary<string, LoadedPlugin> next)
    {
        if (_plugins.Values.FirstOrDefault(p => p.Folder == folder) is not { } serving || next.ContainsKey(serving.Manifest.Id)) return null;
        next[serving.Manifest.Id] = serving;
        return problem with
        {
            Message = $"{problem.Message} The update failed, so plugin '{serving.Manifest.Id}' {serving.Manifest.Version} as loaded before keeps serving.",
        };
    }

    private static PluginProblem? Conflict(LoadedPlugin plugin, IEnumerable<LoadedPlugin> others)
    {
        foreach (var other in others)
        {
            if (other.Manifest.Id == plugin.Manifest.Id)
                return new PluginProblem(plugin.Manifest.Id, plugin.Folder,
                    $"plugin '{plugin.Manifest.Id}' ({plugin.Folder}): another plugin with the same id is already loaded from {other.Folder}.");
            var clash = plugin.Manifest.Rules.Select(r => r.Name).Intersect(other.Manifest.Rules.Select(r => r.Name)).FirstOrDefault();
            if (clash is not null)
                return new PluginProblem(plugin.Manifest.Id, plugin.Folder,
                    $"plugin '{plugin.Manifest.Id}' ({plugin.Folder}): its rule '{clash}' is already provided by plugin '{other.Manifest.Id}'.");
        }
        return null;
    }

    private IEnumerable<string> Folders() => Directory.Exists(PluginsFolder)
        ? Directory.GetDirectories(PluginsFolder).Where(d => File.Exists(Path.Combine(d, PluginManifest.FileName))).Select(Path.GetFullPath)
        : [];

    /// <summary>
    /// Changes when plugin.json, any assembly beside it or in its bin/ folder, or its theme outlets and their words
    /// (outlets/, locales/) change.
    /// </summary>
    private static string Stamp(string folder)
    {
        var files = new[] { folder, Path.Combine(folder, "bin") }.Concat(PluginHash.ThemeFolders.Select(f => Path.Combine(folder, f))).Where(Directory.Exists)
            .SelectMany(d => new DirectoryInfo(d).GetFiles())
            .Where(f => f.Name == PluginManifest.FileName || f.Extension is ".dll" or ".json" or ".sbn-html")
            .OrderBy(f => f.FullName, StringComparer.Ordinal);
        return string.Join('|', files.Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
    }
}
