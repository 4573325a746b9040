using System.Reflection;
using Engine.Plugins.Manifest;
using Engine.Sdk;

namespace Engine.Plugins.Loading;

/// <summary>Loads one plugin folder into its own context, or says why it cannot.</summary>
public static class PluginLoader
{
    /// <summary>Where a plugin's assemblies are: beside plugin.json (a dropped-in build) or in its bin/ (built from source here).</summary>
    public static string? FindEntryAssembly(string folder, PluginManifest manifest) =>
        new[] { Path.Combine(folder, manifest.EntryAssembly), Path.Combine(folder, "bin", manifest.EntryAssembly) }.FirstOrDefault(File.Exists);

    public static (LoadedPlugin? Plugin, PluginProblem? Problem) Load(string folder)
    {
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var (manifest, manifestProblem) = ManifestReader.Read(folder);
        if (manifest is null) return (null, new PluginProblem(folderName, folder, manifestProblem!));
        var label = $"plugin '{manifest.Id}'";
        var entry = FindEntryAssembly(folder, manifest);
        if (entry is null)
            return (null, new PluginProblem(manifest.Id, folder, $"{label}: its entry assembly {manifest.EntryAssembly} is missing (looked in {folder} and {Path.Combine(folder, "bin")}). Build the plugin first."));

        var context = new PluginLoadContext(manifest.Id, entry);
        try
        {
            var assembly = context.LoadEntry();
            var entryTypes = assembly.GetExportedTypes().Where(t => typeof(IPlugin).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }).ToList();
            if (entryTypes.Count != 1)
                return Refuse(context, manifest, folder, entryTypes.Count == 0
                    ? $"{label}: {manifest.EntryAssembly} has no public class implementing Engine.Sdk.IPlugin" + SdkCopyHint(assembly)
                    : $"{label}: {manifest.EntryAssembly} has {entryTypes.Count} IPlugin classes; it must have exactly one.");

            var registrar = new LoadedPlugin.Registrar();
            ((IPlugin)Activator.CreateInstance(entryTypes[0])!).Register(registrar);
            foreach (var rule in manifest.Rules)
                if (!registrar.Has(rule.Kind, rule.Name))
                    return Refuse(context, manifest, folder, $"{label}: plugin.json declares the {rule.Kind.ToString().ToLowerInvariant()} rule '{rule.Name}', but the plugin did not register it.");
            return (new LoadedPlugin(manifest, folder, context, registrar), null);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException
                                      or ReflectionTypeLoadException or MissingMethodException or TargetInvocationException or InvalidCastException)
        {
            return Refuse(context, manifest, folder, $"{label}: could not be loaded: {e.GetBaseException().Message}");
        }
        catch (Exception e)
        {
            return Refuse(context, manifest, folder, $"{label}: threw while registering its rules: {e.GetType().Name}: {e.Message}");
        }
    }

    private static (LoadedPlugin?, PluginProblem?) Refuse(PluginLoadContext context, PluginManifest manifest, string folder, string message)
    {
        context.Unload();
        return (null, new PluginProblem(manifest.Id, folder, message));
    }

    // The usual cause: the plugin was compiled against its own copy of Engine.Sdk with another identity.
    private static string SdkCopyHint(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Any(a => a.Name == typeof(IPlugin).Assembly.GetName().Name)
            ? "."
            : ", and it does not reference Engine.Sdk.";
}
