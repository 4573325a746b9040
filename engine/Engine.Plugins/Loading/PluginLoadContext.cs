using System.Reflection;
using System.Runtime.Loader;

namespace Engine.Plugins.Loading;

/// <summary>
/// One collectible load context per plugin folder. The plugin's own dependencies come from its
/// folder (found with its .deps.json); Engine.Sdk and the framework always come from the host, even
/// if a plugin ships its own copy, or the plugin's rules would not be the host's interface types.
/// Assemblies are read into memory rather than mapped, so the files can be replaced while loaded.
/// </summary>
internal sealed class PluginLoadContext(string pluginId, string entryAssemblyPath)
    : AssemblyLoadContext($"plugin:{pluginId}", isCollectible: true)
{
    private static readonly string SdkName = typeof(Engine.Sdk.IPlugin).Assembly.GetName().Name!;
    private readonly AssemblyDependencyResolver _resolver = new(entryAssemblyPath);

    public Assembly LoadEntry() => LoadFile(entryAssemblyPath);

    protected override Assembly? Load(AssemblyName name)
    {
        // Shared with the host: the SDK, and anything the default context already has (the framework).
        if (name.Name == SdkName) return null;
        if (Default.Assemblies.Any(a => a.GetName().Name == name.Name)) return null;
        var path = _resolver.ResolveAssemblyToPath(name);
        return path is null ? null : LoadFile(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private Assembly LoadFile(string path)
    {
        using var stream = new MemoryStream(File.ReadAllBytes(path));
        var pdb = Path.ChangeExtension(path, ".pdb");
        if (!File.Exists(pdb)) return LoadFromStream(stream);
        using var symbols = new MemoryStream(File.ReadAllBytes(pdb));
        return LoadFromStream(stream, symbols);
    }
}
