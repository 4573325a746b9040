namespace Engine.Core.BigIdeas;

/// <summary>An idea merged into another, as the admin pages and the kept idea's page list it.</summary>
public sealed record MergedIdea(long Id, string Title, long IntoId, string IntoTitle, int CommentCount, DateTimeOffset MergedAt);

public interface IMergeStore
{
    /// <summary>
    /// In one transaction: marks <paramref name="mergedId"/> as merged, carries the votes of members who had
    /// none on the kept idea (see <see cref="MergeRules"/>), and recounts the kept idea. False when either idea
    /// changed meanwhile (already merged, or now a merge target), and then nothing is stored.
    /// </summary>
    Task<bool> MergeAsync(string tenantId, long keptId, long mergedId, long actorId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Reverses a merge: deletes the votes still carried, recounts, and shows the idea again; returns the kept idea's id, or null if it was not merged.</summary>
    Task<long?> UndoAsync(string tenantId, long mergedId, CancellationToken ct = default);
    Task<bool> HasDuplicatesAsync(string tenantId, long ideaId, CancellationToken ct = default);
    /// <summary>The ideas merged into <paramref name="keptId"/>, or every merged idea of a challenge when keptId is null.</summary>
    Task<IReadOnlyList<MergedIdea>> MergedAsync(string tenantId, long? challengeId, long? keptId, CancellationToken ct = default);
}
