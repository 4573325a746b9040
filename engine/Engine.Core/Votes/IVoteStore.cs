namespace Engine.Core.Votes;

public interface IVoteStore
{
    /// <summary>Records the member's vote (replacing any earlier one) and updates the idea's counts in the same transaction.</summary>
    Task<VoteTally> CastAsync(string tenantId, long ideaId, long memberId, int value, DateTimeOffset now, CancellationToken ct = default);
    Task<VoteTally> RemoveAsync(string tenantId, long ideaId, long memberId, CancellationToken ct = default);
    Task<IReadOnlyDictionary<long, int>> MyVotesAsync(string tenantId, long memberId, IReadOnlyCollection<long> ideaIds, CancellationToken ct = default);
}
