using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.BigIdeas;

/// <summary>The kept idea and the duplicate after a merge or its undo, with their counts as stored.</summary>
public sealed record MergeResult(Idea Kept, Idea Merged);

/// <summary>
/// Community managers, moderators and admins merge a duplicate idea into the one that is kept, and undo it.
/// Allowed while the challenge is open as well as after it closes: duplicates split the votes while people
/// are still voting, so that is when merging helps most. Nothing is deleted: the duplicate keeps its votes and
/// comments and its page, which says where it went. Every merge and undo is audited.
/// </summary>
public sealed class MergeIdeas(IIdeaStore ideas, IMergeStore merges, IModerationStore audit, TimeProvider clock)
{
    public async Task<Outcome<MergeResult>> MergeAsync(TenantDefinition tenant, long actorId, long keptId, long mergedId, CancellationToken ct = default)
    {
        var kept = await ideas.FindAsync(tenant.Id, keptId, ct);
        if (kept is null) return new Error(ErrorKind.NotFound, $"Idea {keptId} was not found on this site.", "keptId").Keyed("admin.theming.idea-not-found", keptId);
        var merged = await ideas.FindAsync(tenant.Id, mergedId, ct);
        if (merged is null) return new Error(ErrorKind.NotFound, $"Idea {mergedId} was not found on this site.", "mergedId").Keyed("admin.theming.idea-not-found", mergedId);
        if (MergeRules.Check(kept, merged, await merges.HasDuplicatesAsync(tenant.Id, mergedId, ct)) is { } refused) return refused;
        var now = clock.GetUtcNow();
        if (!await merges.MergeAsync(tenant.Id, keptId, mergedId, actorId, now, ct))
            return new Error(ErrorKind.Conflict, "One of the ideas changed while you were merging them: look again and retry.", "mergedId").Keyed("admin.theming.merge-changed");
        await audit.AuditAsync(tenant.Id, actorId, "idea.merged", $"idea {mergedId}", $"into idea {keptId}", now, ct);
        return await ResultAsync(tenant.Id, keptId, mergedId, ct);
    }

    public async Task<Outcome<MergeResult>> UndoAsync(TenantDefinition tenant, long actorId, long mergedId, CancellationToken ct = default)
    {
        var merged = await ideas.FindAsync(tenant.Id, mergedId, ct);
        if (merged is null) return Error.NotFound("Idea");
        if (merged.MergedInto is null) return NotMerged(mergedId);
        var keptId = await merges.UndoAsync(tenant.Id, mergedId, ct);
        if (keptId is null) return NotMerged(mergedId);
        await audit.AuditAsync(tenant.Id, actorId, "idea.merge-undone", $"idea {mergedId}", $"was merged into idea {keptId}", clock.GetUtcNow(), ct);
        return await ResultAsync(tenant.Id, keptId.Value, mergedId, ct);
    }

    private static Error NotMerged(long mergedId) =>
        new Error(ErrorKind.Conflict, $"Idea {mergedId} is not merged into another idea.", "mergedId").Keyed("admin.theming.not-merged", mergedId);

    private async Task<MergeResult> ResultAsync(string tenantId, long keptId, long mergedId, CancellationToken ct) =>
        new((await ideas.FindAsync(tenantId, keptId, ct))!, (await ideas.FindAsync(tenantId, mergedId, ct))!);
}
