using Engine.Core.Tenancy;

namespace Engine.Web.Tenancy;

/// <summary>
/// The tenants being served right now. A scan of the tenants folder builds a new
/// <see cref="TenantTable"/> and swaps it in whole, so a request sees one consistent table.
/// </summary>
public sealed class TenantRegistry(string tenantsFolder, ILogger<TenantRegistry> logger)
{
    private volatile TenantTable _current = TenantTable.Empty;
    private string _fingerprint = "";

    public string TenantsFolder { get; } = tenantsFolder;
    public TenantTable Current => _current;

    /// <summary>Re-reads the folder if anything in a tenant.json changed; returns the tenants that were added or changed.</summary>
    public IReadOnlyList<TenantDefinition>? ScanForChanges()
    {
        var files = Directory.Exists(TenantsFolder)
            ? Directory.GetDirectories(TenantsFolder).Select(d => Path.Combine(d, TenantFile.FileName)).Where(File.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        var fingerprint = string.Join('|', files.Select(f => $"{f}:{File.GetLastWriteTimeUtc(f).Ticks}:{new FileInfo(f).Length}"));
        if (fingerprint == _fingerprint) return null;
        _fingerprint = fingerprint;

        var previous = _current;
        var next = TenantTable.Build(files.Select(f => TenantFile.Read(Path.GetDirectoryName(f)!)));
        _current = next;

        foreach (var problem in next.Problems)
            logger.LogError("Tenant {TenantId} is offline: {Problem}", problem.TenantId, problem.ToString());
        var changed = next.Tenants.Where(t => previous.Find(t.Id) != t).ToList();
        foreach (var t in changed) logger.LogInformation("Tenant {TenantId} loaded: serving {Hosts}{Prefix} with theme {Theme}", t.Id, string.Join(", ", t.Hosts), t.PathPrefix, t.Theme);
        foreach (var gone in previous.Tenants.Where(t => next.Find(t.Id) is null))
            logger.LogInformation("Tenant {TenantId} is no longer served", gone.Id);
        return changed;
    }
}
