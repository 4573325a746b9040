using Engine.Sdk;

namespace Engine.Core.Moderation;

/// <summary>Who wrote a contribution, as far as the store knows: nothing at all for a fully anonymous one.</summary>
public sealed record StoredAuthor(long? MemberId, string? DisplayName, string? Email, bool Anonymous);

public interface IModerationStore
{
    /// <summary>Records a member's report (once per member) and returns how many different members have reported it.</summary>
    Task<int> ReportAsync(string tenantId, ContributionKind kind, long id, long memberId, string reason, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Takes published content off the site, for a moderator to look at; counts move in the same transaction.</summary>
    Task HoldAsync(string tenantId, ContributionKind kind, long id, string reason, CancellationToken ct = default, HoldText? text = null);
    /// <summary>The author of a stored contribution (published or held), or null if there is no such contribution.</summary>
    Task<StoredAuthor?> AuthorOfAsync(string tenantId, ContributionKind kind, long id, CancellationToken ct = default);
    /// <summary>Held and reported content, oldest first, with why it is there.</summary>
    Task<IReadOnlyList<QueueItem>> QueueAsync(string tenantId, CancellationToken ct = default);
    /// <summary>
    /// A moderator's decision: moves content that is in one of the <paramref name="from"/> states to <paramref name="state"/>
    /// (counts follow), closes its open reports, and forgets what a block hid (the decision replaces it), all in one transaction.
    /// </summary>
    Task<StateChange> SetStateAsync(string tenantId, ContributionKind kind, long id, IReadOnlyCollection<ModerationState> from, ModerationState state,
        string? reason, long actorId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>
    /// Blocks the member and hides what they posted under their name, remembering what each item was. Their anonymous
    /// contributions are hidden only when <paramref name="anonymousToo"/> (the caller records that as a reveal of each).
    /// </summary>
    Task<BlockedContent> BlockAsync(string tenantId, long memberId, bool anonymousToo, CancellationToken ct = default);
    /// <summary>Unblocks the member and puts back exactly what the block hid (not what a moderator hid or rejected); returns how many items came back.</summary>
    Task<int> UnblockAsync(string tenantId, long memberId, CancellationToken ct = default);
    /// <summary>
    /// Marks the open reports on a contribution as dealt with; content the reports took off the site (held with open
    /// reports) is published again. Null if there is no such contribution.
    /// </summary>
    Task<DismissedReports?> DismissReportsAsync(string tenantId, ContributionKind kind, long id, long actorId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>One idea or comment as the moderation views show it, in whatever state it is; null if there is no such contribution.</summary>
    Task<QueueItem?> ItemAsync(string tenantId, ContributionKind kind, long id, CancellationToken ct = default);
    /// <summary>Content a moderator hid, or that a block hid, newest first: what "restore" works on.</summary>
    Task<IReadOnlyList<QueueItem>> HiddenAsync(string tenantId, CancellationToken ct = default);
    Task<IReadOnlyList<AuditEntry>> AuditLogAsync(string tenantId, string? action, int limit, CancellationToken ct = default);
    /// <summary>Appends to the audit log, which nothing in the engine edits or deletes.</summary>
    Task AuditAsync(string tenantId, long actorId, string action, string subject, string detail, DateTimeOffset now, CancellationToken ct = default);
}

/// <param name="Reason">Which rule held it, or the moderator's reason.</param>
/// <param name="Reports">How many different members reported it (open reports only: a moderator has not dealt with them yet).</param>
/// <param name="ReportReasons">What the reporters said, oldest first (empty reasons left out).</param>
/// <param name="HiddenByBlock">Hidden because its author was blocked: unblocking the author brings it back.</param>
public sealed record QueueItem(ContributionKind Kind, long Id, long IdeaId, string? Title, string Body, ModerationState State,
    string? Reason, int Reports, DateTimeOffset CreatedAt, IReadOnlyList<string> ReportReasons, bool HiddenByBlock = false)
{
    /// <summary>Why a held item was held, keyed, to be worded in the moderator's language; null: <see cref="Reason"/> as written.</summary>
    public HoldText? HoldText { get; init; }
}

/// <summary>What the reporters said (one entry per report, oldest first), and whether the content came back on the site.</summary>
public sealed record DismissedReports(IReadOnlyList<string> Reasons, bool Restored);

/// <summary>What a block hid: how many named items, and which anonymous ones (only when the moderator chose to hide those too).</summary>
public sealed record BlockedContent(int Named, IReadOnlyList<(ContributionKind Kind, long Id)> Anonymous);

/// <summary>What happened to a moderator's decision: done, no such content, or the content is not in a state the decision applies to.</summary>
public enum StateChange { Done, NotFound, WrongState }

public sealed record AuditEntry(long Id, DateTimeOffset At, long ActorId, string ActorName, string Action, string Subject, string Detail);
