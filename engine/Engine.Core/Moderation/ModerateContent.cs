using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Sdk;

namespace Engine.Core.Moderation;

/// <summary>What a moderator does with the queue. Every action is written to the audit log.</summary>
public sealed class ModerateContent(IModerationStore store, IMemberStore members, TimeProvider clock)
{
    public Task<Outcome<bool>> ApproveAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id, CancellationToken ct = default) =>
        MoveAsync(tenant, actorId, kind, id, ModerationState.Published, null, "content.approved", ct);

    /// <summary>Rejects held content; the reason is for the author, so it is required.</summary>
    public Task<Outcome<bool>> RejectAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id, string? reason, CancellationToken ct = default) =>
        RequireReason(reason) ?? MoveAsync(tenant, actorId, kind, id, ModerationState.Rejected, reason!.Trim(), "content.rejected", ct);

    /// <summary>Takes published content off the site.</summary>
    public Task<Outcome<bool>> HideAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id, string? reason, CancellationToken ct = default) =>
        RequireReason(reason) ?? MoveAsync(tenant, actorId, kind, id, ModerationState.Hidden, reason!.Trim(), "content.hidden", ct);

    public async Task<Outcome<int>> BlockMemberAsync(TenantDefinition tenant, long actorId, long memberId, string? reason, CancellationToken ct = default)
    {
        if (RequireReason(reason) is { } missing) return (await missing).Error!;
        var member = await members.FindByIdAsync(tenant.Id, memberId, ct);
        if (member is null) return Error.NotFound("Member");
        if (member.Id == actorId) return Error.Invalid("memberId", "You cannot block yourself.");
        if (member.Role == Roles.Admin) return Error.Forbidden("An admin cannot be blocked: change their role first.");
        var hidden = await store.BlockAsync(tenant.Id, memberId, ct);
        await store.AuditAsync(tenant.Id, actorId, "member.blocked", $"member {memberId}", $"{reason!.Trim()} ({hidden} items hidden)", clock.GetUtcNow(), ct);
        return hidden;
    }

    private async Task<Outcome<bool>> MoveAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id,
        ModerationState state, string? reason, string action, CancellationToken ct)
    {
        if (!await store.SetStateAsync(tenant.Id, kind, id, state, reason, ct))
            return Error.NotFound(kind == ContributionKind.Idea ? "Idea" : "Comment");
        await store.AuditAsync(tenant.Id, actorId, action, $"{kind.ToString().ToLowerInvariant()} {id}", reason ?? "", clock.GetUtcNow(), ct);
        return true;
    }

    private static Task<Outcome<bool>>? RequireReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5
            ? Task.FromResult<Outcome<bool>>(Error.Invalid("reason", "Give a reason (at least 5 characters): it is recorded, and shown to the author."))
            : null;
}
