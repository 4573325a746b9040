namespace Engine.Core.Members;

/// <summary>
/// A member's recovery codes, for when their authenticator app is lost: kept as hashes (the member sees the codes once, when
/// they are made), and each works once.
/// </summary>
public interface IRecoveryCodeStore
{
    /// <summary>Replaces every code the member had with these (hashes, not codes).</summary>
    Task ReplaceAsync(string tenantId, long memberId, IReadOnlyCollection<string> codeHashes, CancellationToken ct = default);
    /// <summary>Uses up the code with this hash: true once, false ever after and for a code the member never had.</summary>
    Task<bool> RedeemAsync(string tenantId, long memberId, string codeHash, CancellationToken ct = default);
    Task<int> CountAsync(string tenantId, long memberId, CancellationToken ct = default);
}
