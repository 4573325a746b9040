namespace Engine.Core.Tenancy;

/// <summary>
/// Which tenant serves a request: by host, then by host and path prefix (as Orchard Core's
/// RunningShellTable does). Immutable: a reload builds a new table and swaps it in whole.
/// </summary>
public sealed class TenantTable
{
    public static readonly TenantTable Empty = new([], []);

    private readonly Dictionary<string, TenantDefinition[]> _byHost;

    public TenantTable(IReadOnlyList<TenantDefinition> tenants, IReadOnlyList<TenantProblem> problems)
    {
        Tenants = tenants;
        Problems = problems;
        // Longest prefix first, so "/london/north" wins over "/london" and both over "".
        _byHost = tenants
            .Where(t => t.State == TenantState.Active)
            .SelectMany(t => t.Hosts.Select(h => (Host: h.ToLowerInvariant(), Tenant: t)))
            .GroupBy(x => x.Host)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Tenant).OrderByDescending(t => t.PathPrefix.Length).ToArray());
    }

    public IReadOnlyList<TenantDefinition> Tenants { get; }
    public IReadOnlyList<TenantProblem> Problems { get; }

    public TenantDefinition? Find(string tenantId) => Tenants.FirstOrDefault(t => t.Id == tenantId);

    /// <summary>The tenant for a host and path, or null: an unknown host never falls through to another tenant.</summary>
    public TenantDefinition? Resolve(string host, string path)
    {
        if (!_byHost.TryGetValue(host.ToLowerInvariant(), out var candidates)) return null;
        foreach (var t in candidates)
            if (t.PathPrefix.Length == 0 || IsUnder(path, t.PathPrefix)) return t;
        return null;
    }

    private static bool IsUnder(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
        (path.Length == prefix.Length || path[prefix.Length] == '/');

    /// <summary>
    /// Builds the table, refusing a tenant that claims a host and prefix another tenant already serves.
    /// Tenants in <paramref name="previous"/> claim first, so a new tenant.json can never take a working
    /// site's host, whatever its id; otherwise the first by id wins.
    /// </summary>
    public static TenantTable Build(IEnumerable<(TenantDefinition? Tenant, TenantProblem? Problem)> reads, TenantTable? previous = null)
    {
        var tenants = new List<TenantDefinition>();
        var problems = new List<TenantProblem>();
        var claimed = new Dictionary<(string, string), string>();
        var ordered = reads
            .OrderBy(r => r.Tenant is { } t && previous?.Find(t.Id) is not null ? 0 : 1)
            .ThenBy(r => r.Tenant?.Id ?? r.Problem?.TenantId, StringComparer.Ordinal);
        foreach (var (tenant, problem) in ordered)
        {
            if (problem is not null) { problems.Add(problem); continue; }
            var clash = tenant!.Hosts.Select(h => (h.ToLowerInvariant(), tenant.PathPrefix))
                .FirstOrDefault(k => claimed.ContainsKey(k));
            if (clash != default)
            {
                problems.Add(new TenantProblem(tenant.Id, Path.Combine(tenant.Folder, TenantFile.FileName), null,
                    $"hosts: '{clash.Item1}{clash.PathPrefix}' is already served by tenant '{claimed[clash]}'."));
                continue;
            }
            foreach (var h in tenant.Hosts) claimed[(h.ToLowerInvariant(), tenant.PathPrefix)] = tenant.Id;
            tenants.Add(tenant);
        }
        return new TenantTable(tenants, problems);
    }
}
