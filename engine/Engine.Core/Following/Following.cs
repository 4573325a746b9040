using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Ideas;

namespace Engine.Core.Following;

public enum FollowKind { Idea, Challenge }

/// <summary>What a member follows: the ideas and challenges whose news they hear by email.</summary>
public sealed record Followed(IReadOnlyList<long> IdeaIds, IReadOnlyList<long> ChallengeIds);

public interface IFollowStore
{
    /// <summary>True if this made the member a follower (false: they already were).</summary>
    Task<bool> FollowAsync(string tenantId, FollowKind kind, long targetId, long memberId, DateTimeOffset now, CancellationToken ct = default);
    Task<bool> UnfollowAsync(string tenantId, FollowKind kind, long targetId, long memberId, CancellationToken ct = default);
    Task<bool> IsFollowingAsync(string tenantId, FollowKind kind, long targetId, long memberId, CancellationToken ct = default);
    Task<IReadOnlyList<long>> FollowersAsync(string tenantId, FollowKind kind, long targetId, CancellationToken ct = default);
    Task<Followed> FollowedByAsync(string tenantId, long memberId, CancellationToken ct = default);
}

/// <summary>
/// A member follows or stops following a public idea or challenge. Following a closed challenge's ideas is
/// allowed: that is when the roadmap moves.
/// </summary>
public sealed class Follow(IFollowStore follows, OpenIdea openIdea, OpenChallenge openChallenge, TimeProvider clock)
{
    public async Task<Outcome<bool>> IdeaAsync(string tenantId, long ideaId, long memberId, bool follow, CancellationToken ct = default)
    {
        var found = await openIdea.FindAsync(tenantId, ideaId, ct);
        if (!found.Succeeded) return found.Error!;
        return await SetAsync(tenantId, FollowKind.Idea, ideaId, memberId, follow, ct);
    }

    public async Task<Outcome<bool>> ChallengeAsync(string tenantId, string slug, long memberId, bool follow, CancellationToken ct = default)
    {
        var challenge = await openChallenge.FindAsync(tenantId, slug, ct);
        if (!challenge.Succeeded) return challenge.Error!;
        return await SetAsync(tenantId, FollowKind.Challenge, challenge.Value!.Id, memberId, follow, ct);
    }

    private async Task<Outcome<bool>> SetAsync(string tenantId, FollowKind kind, long id, long memberId, bool follow, CancellationToken ct)
    {
        if (follow) await follows.FollowAsync(tenantId, kind, id, memberId, clock.GetUtcNow(), ct);
        else await follows.UnfollowAsync(tenantId, kind, id, memberId, ct);
        return follow;
    }
}
