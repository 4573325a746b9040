namespace Engine.Core.Votes;

public interface IVoteStore
{
    /// <summary>Records the member's vote (replacing any earlier one) and updates the idea's counts in the same transaction.</summary>
    Task<VoteTally> CastAsync(string tenantId, long ideaId, long memberId, int value, DateTimeOffset now, CancellationToken ct = default);
    Task<VoteTally> RemoveAsync(string tenantId, long ideaId, long memberId, CancellationToken ct = default);
    Task<IReadOnlyDictionary<long, int>> MyVotesAsync(string tenantId, long memberId, IReadOnlyCollection<long> ideaIds, CancellationToken ct = default);
    /// <summary>The member's votes on every idea of one challenge: what budget and points rules need.</summary>
    Task<IReadOnlyDictionary<long, int>> MyVotesInChallengeAsync(string tenantId, long memberId, long challengeId, CancellationToken ct = default);
}

/// <summary>The counts after a vote, the member's own vote (0 when they have none), and what they have left to give.</summary>
public sealed record VoteTally(int Up, int Down, int MyVote, string? Allowance = null);
