using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Sdk;

namespace Engine.Core.Moderation;

/// <summary>What a moderator does with the queue. Every action is written to the audit log.</summary>
public sealed class ModerateContent(IModerationStore store, IMemberStore members, Email.Notifications notifications, TimeProvider clock)
{
    private static readonly ModerationState[] FromHeld = [ModerationState.Held];
    private static readonly ModerationState[] FromHeldOrPublished = [ModerationState.Held, ModerationState.Published];
    private static readonly ModerationState[] FromHidden = [ModerationState.Hidden];

    public async Task<Outcome<bool>> ApproveAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id, CancellationToken ct = default)
    {
        var outcome = await MoveAsync(tenant, actorId, kind, id, FromHeld, ModerationState.Published, null, "content.approved", ct);
        // A held comment was news to nobody; now it is public, whoever it answers hears of it, as on posting.
        if (outcome.Succeeded && kind == ContributionKind.Comment)
            await notifications.CommentPublishedAsync(tenant, id, (await store.AuthorOfAsync(tenant.Id, kind, id, ct))?.MemberId ?? 0, ct);
        return outcome;
    }

    /// <summary>Rejects held content; the reason is for the author, so it is required.</summary>
    public Task<Outcome<bool>> RejectAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id, string? reason, CancellationToken ct = default) =>
        RequireReason(reason) ?? MoveAsync(tenant, actorId, kind, id, FromHeldOrPublished, ModerationState.Rejected, reason!.Trim(), "content.rejected", ct);

    /// <summary>Takes published content off the site.</summary>
    public Task<Outcome<bool>> HideAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id, string? reason, CancellationToken ct = default) =>
        RequireReason(reason) ?? MoveAsync(tenant, actorId, kind, id, FromHeldOrPublished, ModerationState.Hidden, reason!.Trim(), "content.hidden", ct);

    /// <summary>
    /// Puts hidden content back on the site (a moderator's hide, or one item a block hid). The reason
    /// it was hidden stays in the audit log, not on the content.
    /// </summary>
    public Task<Outcome<bool>> RestoreAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id, CancellationToken ct = default) =>
        MoveAsync(tenant, actorId, kind, id, FromHidden, ModerationState.Published, null, "content.restored", ct);

    /// <summary>
    /// The reports were looked at and the content is fine: the reports leave the queue, and content the reports took
    /// off the site (the report-threshold rule) comes back.
    /// </summary>
    public async Task<Outcome<int>> DismissReportsAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id, CancellationToken ct = default)
    {
        var dismissed = await store.DismissReportsAsync(tenant.Id, kind, id, actorId, clock.GetUtcNow(), ct);
        if (dismissed is null) return Error.NotFound(What(kind));
        var count = dismissed.Reasons.Count;
        if (count == 0)
            return new Error(ErrorKind.Conflict, $"This {Subject(kind)} has no open reports to dismiss.", "id")
                .Keyed(kind == ContributionKind.Idea ? "admin.moderation.no-reports-idea" : "admin.moderation.no-reports-comment");
        var reasons = dismissed.Reasons.Where(r => r.Length > 0).ToList();
        await store.AuditAsync(tenant.Id, actorId, "reports.dismissed", $"{Subject(kind)} {id}",
            $"{count} {(count == 1 ? "report" : "reports")}{(reasons.Count > 0 ? ": " + string.Join("; ", reasons) : "")}"
            + (dismissed.Restored ? " (the reports had hidden it: it is back on the site)" : ""), clock.GetUtcNow(), ct);
        return count;
    }

    /// <summary>
    /// The moderation views mask personal data (phone and NHS numbers, email addresses, postcodes); a moderator who
    /// needs the text as written asks for it, with a reason that goes into the audit log.
    /// </summary>
    public async Task<Outcome<QueueItem>> FullTextAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
            return Error.Invalid("reason", "Say why you need to see the personal data (at least 5 characters): it is kept in the audit log.").Keyed("admin.moderation.full-text-reason");
        var item = await store.ItemAsync(tenant.Id, kind, id, ct);
        if (item is null) return Error.NotFound(What(kind));
        await store.AuditAsync(tenant.Id, actorId, "content.unmasked", $"{Subject(kind)} {id}", reason.Trim(), clock.GetUtcNow(), ct);
        return item;
    }

    /// <summary>
    /// Blocks a member and hides what they posted under their name. Their anonymous contributions stay: hiding them
    /// would tell the moderator (and the public, who see them go) which they are. Hiding those too is a separate
    /// choice, <paramref name="hideAnonymous"/>, that needs its own reason and is audited as a reveal of each one.
    /// </summary>
    public async Task<Outcome<int>> BlockMemberAsync(TenantDefinition tenant, long actorId, long memberId, string? reason, CancellationToken ct = default,
        bool hideAnonymous = false, string? revealReason = null)
    {
        if (RequireReason(reason) is { } missing) return (await missing).Error!;
        if (hideAnonymous && (revealReason ?? "").Trim().Length < RevealAuthor.ReasonMin)
            return Error.Invalid("revealReason", $"Hiding their anonymous posts reveals that they wrote them: say why (at least {RevealAuthor.ReasonMin} characters), it is kept in the audit log.")
                .Keyed("admin.members.reveal-reason", RevealAuthor.ReasonMin);
        var member = await members.FindByIdAsync(tenant.Id, memberId, ct);
        if (member is null) return Error.NotFound("Member");
        if (member.Id == actorId) return Error.Invalid("memberId", "You cannot block yourself.").Keyed("admin.members.block-yourself");
        if (member.Role == Roles.Admin) return Error.Forbidden("An admin cannot be blocked: change their role first.").Keyed("admin.members.block-admin");
        if (member.Blocked) return new Error(ErrorKind.Conflict, $"{member.DisplayName} is already blocked.", "memberId").Keyed("admin.members.already-blocked", member.DisplayName);
        var hidden = await store.BlockAsync(tenant.Id, memberId, hideAnonymous, ct);
        await store.AuditAsync(tenant.Id, actorId, "member.blocked", $"member {memberId}", $"{reason!.Trim()} ({hidden.Named} items hidden)", clock.GetUtcNow(), ct);
        foreach (var (kind, id) in hidden.Anonymous)
            await store.AuditAsync(tenant.Id, actorId, "identity.revealed", $"{Subject(kind)} {id}",
                $"{revealReason!.Trim()} (hidden with the block of member {memberId})", clock.GetUtcNow(), ct);
        return hidden.Named + hidden.Anonymous.Count;
    }

    /// <summary>
    /// Lets a blocked member back in and puts back exactly what the block hid. What a moderator hid or
    /// rejected on its own stays as it is, and so does anything a moderator decided about since the block.
    /// </summary>
    public async Task<Outcome<int>> UnblockMemberAsync(TenantDefinition tenant, long actorId, long memberId, string? reason, CancellationToken ct = default)
    {
        if (RequireReason(reason) is { } missing) return (await missing).Error!;
        var member = await members.FindByIdAsync(tenant.Id, memberId, ct);
        if (member is null) return Error.NotFound("Member");
        if (!member.Blocked) return new Error(ErrorKind.Conflict, $"{member.DisplayName} is not blocked.", "memberId").Keyed("admin.members.not-blocked", member.DisplayName);
        var restored = await store.UnblockAsync(tenant.Id, memberId, ct);
        await store.AuditAsync(tenant.Id, actorId, "member.unblocked", $"member {memberId}", $"{reason!.Trim()} ({restored} items restored)", clock.GetUtcNow(), ct);
        return restored;
    }

    private async Task<Outcome<bool>> MoveAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id,
        IReadOnlyCollection<ModerationState> from, ModerationState state, string? reason, string action, CancellationToken ct)
    {
        switch (await store.SetStateAsync(tenant.Id, kind, id, from, state, reason, actorId, clock.GetUtcNow(), ct))
        {
            case StateChange.NotFound:
                return Error.NotFound(What(kind));
            case StateChange.WrongState:
                return new Error(ErrorKind.Conflict, $"This {Subject(kind)} is not {string.Join(" or ", from.Select(Word))}, so it cannot be {action[(action.IndexOf('.') + 1)..]}.", "id")
                    .Keyed(CannotKey(action, kind));
        }
        await store.AuditAsync(tenant.Id, actorId, action, $"{Subject(kind)} {id}", reason ?? "", clock.GetUtcNow(), ct);
        return true;
    }

    /// <summary>The key of "This idea is not held for review, so it cannot be approved.": one per action and kind, as each language words them.</summary>
    private static string CannotKey(string action, ContributionKind kind) => (action, kind == ContributionKind.Idea) switch
    {
        ("content.approved", true) => "admin.moderation.cannot-approve-idea",
        ("content.approved", false) => "admin.moderation.cannot-approve-comment",
        ("content.rejected", true) => "admin.moderation.cannot-reject-idea",
        ("content.rejected", false) => "admin.moderation.cannot-reject-comment",
        ("content.hidden", true) => "admin.moderation.cannot-hide-idea",
        ("content.hidden", false) => "admin.moderation.cannot-hide-comment",
        ("content.restored", true) => "admin.moderation.cannot-restore-idea",
        _ => "admin.moderation.cannot-restore-comment",
    };

    private static string What(ContributionKind kind) => kind == ContributionKind.Idea ? "Idea" : "Comment";
    private static string Subject(ContributionKind kind) => kind == ContributionKind.Idea ? "idea" : "comment";

    private static string Word(ModerationState state) => state switch
    {
        ModerationState.Held => "held for review",
        ModerationState.Hidden => "hidden",
        ModerationState.Published => "published",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static Task<Outcome<bool>>? RequireReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5
            ? Task.FromResult<Outcome<bool>>(Error.Invalid("reason", "Give a reason (at least 5 characters): it is recorded, and shown to the author.").Keyed("admin.moderation.reason-required"))
            : null;
}
