using Engine.Core.Tenancy;

namespace Engine.Web.Tenancy;

/// <summary>
/// The tenants being served right now. A scan of the tenants folder builds a new
/// <see cref="TenantTable"/> and swaps it in whole, so a request sees one consistent table.
/// </summary>
public sealed class TenantRegistry(string tenantsFolder, ILogger<TenantRegistry> logger)
{
    private volatile TenantTable _current = TenantTable.Empty;
    // tenant.json path -> a stamp of it and the tenant's overrides/ folder, as of the last applied scan.
    private Dictionary<string, string> _stamps = new(StringComparer.Ordinal);

    public string TenantsFolder { get; } = tenantsFolder;
    public TenantTable Current => _current;

    /// <summary>Makes the next scan treat every tenant as changed, e.g. after applying a change failed.</summary>
    public void ForgetStamps() => _stamps = new(StringComparer.Ordinal);

    /// <summary>
    /// Re-reads the folder if any tenant.json was added, changed or removed; returns the tenants
    /// that were added or changed (to apply), or null when nothing changed.
    /// </summary>
    public IReadOnlyList<TenantDefinition>? ScanForChanges()
    {
        var stamps = (Directory.Exists(TenantsFolder) ? Directory.GetDirectories(TenantsFolder) : [])
            .Select(d => new FileInfo(Path.Combine(d, TenantFile.FileName)))
            .Where(f => f.Exists)
            .ToDictionary(f => f.FullName, Stamp, StringComparer.Ordinal);
        if (stamps.Count == _stamps.Count && stamps.All(s => _stamps.TryGetValue(s.Key, out var old) && old == s.Value)) return null;

        var touched = stamps.Where(s => !_stamps.TryGetValue(s.Key, out var old) || old != s.Value).Select(s => s.Key).ToHashSet();
        var previous = _current;
        var next = TenantTable.Build(stamps.Keys.Select(file => TenantFile.Read(Path.GetDirectoryName(file)!)), previous);
        _current = next;
        _stamps = stamps;

        foreach (var problem in next.Problems)
            logger.LogError("Tenant {TenantId} is offline: {Problem}", problem.TenantId, problem.ToString());
        var changed = next.Tenants.Where(t => touched.Contains(Path.GetFullPath(Path.Combine(t.Folder, TenantFile.FileName)))).ToList();
        foreach (var t in changed)
            logger.LogInformation("Tenant {TenantId} loaded: serving {Hosts}{Prefix} with theme {Theme}", t.Id, string.Join(", ", t.Hosts), t.PathPrefix, t.Theme);
        foreach (var gone in previous.Tenants.Where(t => next.Find(t.Id) is null))
            logger.LogInformation("Tenant {TenantId} is no longer served", gone.Id);
        return changed;
    }

    /// <summary>
    /// Changes when tenant.json or anything in the tenant's overrides/ folder (its own templates)
    /// is written, added or removed. Assets are served straight from disk, so they need no stamp.
    /// </summary>
    private static string Stamp(FileInfo tenantJson)
    {
        var stamp = $"{tenantJson.LastWriteTimeUtc.Ticks}:{tenantJson.Length}";
        var overrides = new DirectoryInfo(Path.Combine(tenantJson.DirectoryName!, "overrides"));
        if (!overrides.Exists) return stamp;
        var files = overrides.GetFiles("*", SearchOption.AllDirectories);
        return $"{stamp}|{files.Length}:{files.Sum(f => f.Length)}:{(files.Length == 0 ? 0 : files.Max(f => f.LastWriteTimeUtc.Ticks))}";
    }
}
