namespace Engine.Core.Votes;

public interface IVoteStore
{
    /// <summary>Records the member's vote (replacing any earlier one) and updates the idea's counts in the same transaction.</summary>
    Task<VoteTally> CastAsync(string tenantId, long ideaId, long memberId, int value, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>
    /// Like <see cref="CastAsync"/>, for a vote the voting rule allowed on <paramref name="decidedOn"/>, the member's votes in
    /// the idea's challenge as it was given them: the vote is written only if those are still the member's votes when it is
    /// written (in the same transaction, and on every node at once). Otherwise nothing is written and the answer is null:
    /// the member's votes changed meanwhile, and the rule must decide again on them as they are now.
    /// </summary>
    Task<VoteTally?> CastIfUnchangedAsync(string tenantId, long ideaId, long memberId, long challengeId, int value, DateTimeOffset now,
        IReadOnlyDictionary<long, int> decidedOn, CancellationToken ct = default);
    Task<VoteTally> RemoveAsync(string tenantId, long ideaId, long memberId, CancellationToken ct = default);
    Task<IReadOnlyDictionary<long, int>> MyVotesAsync(string tenantId, long memberId, IReadOnlyCollection<long> ideaIds, CancellationToken ct = default);
    /// <summary>The member's votes on every idea of one challenge: what budget and points rules need.</summary>
    Task<IReadOnlyDictionary<long, int>> MyVotesInChallengeAsync(string tenantId, long memberId, long challengeId, CancellationToken ct = default);
}

/// <summary>
/// The counts after a vote, the member's own vote (0 when they have none), and what they have left to give (the voting
/// rule's text, which the page or the API words in the member's language).
/// </summary>
public sealed record VoteTally(int Up, int Down, int MyVote, Engine.Sdk.PluginText? Allowance = null);
