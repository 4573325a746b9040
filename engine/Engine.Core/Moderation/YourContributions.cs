using Engine.Core.Anonymity;
using Engine.Sdk;

namespace Engine.Core.Moderation;

/// <summary>One of the signed-in member's own ideas or comments, with what moderation decided about it.</summary>
/// <param name="IdeaTitle">The idea's title; for a comment, the idea it is on.</param>
/// <param name="IdeaPublic">Whether that idea is on the site, so a link to it works.</param>
/// <param name="Reason">The moderator's reason, for rejected and hidden content.</param>
/// <param name="FullyAnonymous">Stored under the member's keyed hash only: nothing but that key links it to them.</param>
/// <param name="HiddenByBlock">Hidden because the member was blocked, not by a decision about this item.</param>
public sealed record OwnContribution(ContributionKind Kind, long Id, long IdeaId, string IdeaTitle, bool IdeaPublic, string Body,
    ModerationState State, string? Reason, bool Anonymous, bool FullyAnonymous, bool HiddenByBlock, DateTimeOffset CreatedAt);

public interface IOwnContributionsStore
{
    /// <summary>Everything posted under the member's id or their anonymous key on this tenant, newest first.</summary>
    Task<IReadOnlyList<OwnContribution>> ListAsync(string tenantId, long memberId, string authorKey, int limit, CancellationToken ct = default);
}

/// <summary>
/// "Your contributions": until email exists, this is how an author learns that a moderator rejected
/// or hid something and why. A fully anonymous contribution keeps only a keyed hash of its author, so
/// it is found by recomputing the member's own key: only they can ever be shown it as theirs.
/// </summary>
public sealed class YourContributions(IOwnContributionsStore store, IAuthorKeys keys)
{
    public const int Limit = 500;

    public Task<IReadOnlyList<OwnContribution>> ForAsync(string tenantId, long memberId, CancellationToken ct = default) =>
        store.ListAsync(tenantId, memberId, keys.KeyFor(tenantId, memberId), Limit, ct);
}
