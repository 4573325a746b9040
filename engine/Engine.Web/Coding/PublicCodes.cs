using Engine.Core.Coding;
using Engine.Core.Tenancy;

namespace Engine.Web.Coding;

/// <summary>
/// The codes an idea's public page and its API JSON list: only on a site whose code frame says codes are public, by the
/// names and in the order of the frame (a code since removed from the frame is not shown). Who may read the idea at all
/// (hidden ideas, private challenges) is decided before this is asked.
/// </summary>
public sealed class PublicCodes(CodeFrames frames, ICodingStore store)
{
    /// <summary>The codes' names, or null on a site that keeps its codes to its analysts.</summary>
    public async Task<List<string>?> OnIdeaAsync(TenantDefinition tenant, long ideaId, CancellationToken ct = default)
    {
        var frame = await frames.ForAsync(tenant, ct);
        if (!frame.Public) return null;
        var applied = await store.CodesOnIdeaAsync(tenant.Id, ideaId, ct);
        return frame.Ordered.Where(c => applied.Contains(c.Id)).Select(c => c.Name).ToList();
    }
}
