using System.Reflection;
using System.Runtime.CompilerServices;
using Engine.Plugins.Manifest;
using Engine.Sdk;
using AssemblyLoader = McMaster.NETCore.Plugins.PluginLoader;

namespace Engine.Plugins.Loading;

/// <summary>
/// Loads one plugin folder into its own unloadable context (McMaster.NETCore.Plugins), or says why it cannot.
/// Engine.Sdk is shared with the host, even if a plugin ships its own copy, or the plugin's rules would not be the
/// host's interface types; everything else the plugin needs comes from its own folder, as its .deps.json says, so it
/// keeps the versions it was built with (the framework itself is always the host's). Assemblies are read into memory
/// rather than mapped, so a new build can replace the files while the old one is loaded.
/// </summary>
public static class PluginLoader
{
    /// <summary>Where a plugin's assemblies are: beside plugin.json (a dropped-in build) or in its bin/ (built from source here).</summary>
    public static string? FindEntryAssembly(string folder, PluginManifest manifest) =>
        new[] { Path.Combine(folder, manifest.EntryAssembly), Path.Combine(folder, "bin", manifest.EntryAssembly) }.FirstOrDefault(File.Exists);

    /// <param name="allowed">The SHA-256 hashes (<see cref="PluginHash"/>) of the plugins that may load; null for any plugin.</param>
    public static (LoadedPlugin? Plugin, PluginProblem? Problem) Load(string folder, IReadOnlySet<string>? allowed = null)
    {
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var (manifest, manifestProblem) = ManifestReader.Read(folder);
        if (manifest is null) return (null, new PluginProblem(folderName, folder, manifestProblem!));
        var label = $"plugin '{manifest.Id}'";
        var entry = FindEntryAssembly(folder, manifest);
        if (entry is null)
            return (null, new PluginProblem(manifest.Id, folder, $"{label}: its entry assembly {manifest.EntryAssembly} is missing (looked in {folder} and {Path.Combine(folder, "bin")}). Build the plugin first."));
        var sha256 = PluginHash.Of(folder, entry);
        if (allowed is not null && !allowed.Contains(sha256))
            return (null, new PluginProblem(manifest.Id, folder, $"{label} ({folder}): refused, its SHA-256 {sha256} is not in Engine:Plugins:Allowed. " +
                "In Production only plugins on that allow-list are loaded: add the hash if this is the build you mean to run."));

        // Read before any code loads: a broken catalogue refuses the plugin, naming the file and line, as a broken plugin.json does.
        var (words, wordsProblem) = PluginWords.Load(folder, manifest.Id);
        if (words is null) return (null, new PluginProblem(manifest.Id, folder, $"{label}: {wordsProblem}"));

        var loader = AssemblyLoader.CreateFromAssemblyFile(Path.GetFullPath(entry), isUnloadable: true, sharedTypes: [typeof(IPlugin)],
            config => config.LoadInMemory = true);
        try
        {
            var (registrar, problem) = Register(loader, manifest, label);
            if (problem is not null) return Refuse(loader, manifest, folder, problem);
            return (new LoadedPlugin(manifest, folder, sha256, loader, registrar!, words), null);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException
                                      or ReflectionTypeLoadException or MissingMethodException or TargetInvocationException or InvalidCastException)
        {
            return Refuse(loader, manifest, folder, $"{label}: could not be loaded: {e.GetBaseException().Message}");
        }
        catch (Exception e)
        {
            return Refuse(loader, manifest, folder, $"{label}: threw while registering its rules: {e.GetType().Name}: {e.Message}");
        }
    }

    // Touches the plugin's types, so kept out of line: no frame of the caller may hold them once the context unloads.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (LoadedPlugin.Registrar? Registrar, string? Problem) Register(AssemblyLoader loader, PluginManifest manifest, string label)
    {
        var assembly = loader.LoadDefaultAssembly();
        var entryTypes = assembly.GetExportedTypes().Where(t => typeof(IPlugin).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }).ToList();
        if (entryTypes.Count != 1)
            return (null, entryTypes.Count == 0
                ? $"{label}: {manifest.EntryAssembly} has no public class implementing Engine.Sdk.IPlugin" + SdkCopyHint(assembly)
                : $"{label}: {manifest.EntryAssembly} has {entryTypes.Count} IPlugin classes; it must have exactly one.");

        var registrar = new LoadedPlugin.Registrar();
        ((IPlugin)Activator.CreateInstance(entryTypes[0])!).Register(registrar);
        foreach (var rule in manifest.Rules)
            if (!registrar.Has(rule.Kind, rule.Name))
                return (null, $"{label}: plugin.json declares the {rule.Kind.ToString().ToLowerInvariant()} rule '{rule.Name}', but the plugin did not register it.");
        return (registrar, null);
    }

    private static (LoadedPlugin?, PluginProblem?) Refuse(AssemblyLoader loader, PluginManifest manifest, string folder, string message)
    {
        loader.Dispose();
        return (null, new PluginProblem(manifest.Id, folder, message));
    }

    // The usual cause: the plugin was compiled against its own copy of Engine.Sdk with another identity.
    private static string SdkCopyHint(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Any(a => a.Name == typeof(IPlugin).Assembly.GetName().Name)
            ? "."
            : ", and it does not reference Engine.Sdk.";
}
