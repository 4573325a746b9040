using System.Collections.Concurrent;
using Engine.Core.Common;
using Engine.Core.Tenancy;

namespace Engine.Core.Coding;

/// <summary>
/// A site's code frame as it stands: the one an admin saved, else tenant.json's. Kept per tenant until the tenant's
/// data changes, since idea pages ask for it on every view when codes are public.
/// </summary>
public sealed class CodeFrames(ICodingStore store, DataVersions versions)
{
    private readonly ConcurrentDictionary<string, (long Version, TenantCoding? Saved)> _saved = new(StringComparer.Ordinal);

    public async Task<TenantCoding> ForAsync(TenantDefinition tenant, CancellationToken ct = default)
    {
        var version = versions.BesidesVotes(tenant.Id);
        if (_saved.TryGetValue(tenant.Id, out var kept) && kept.Version == version) return kept.Saved ?? tenant.Coding;
        var saved = await store.SavedFrameAsync(tenant.Id, ct);
        _saved[tenant.Id] = (version, saved);
        return saved ?? tenant.Coding;
    }
}
