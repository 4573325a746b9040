namespace Engine.Core.Members;

/// <summary>
/// A passkey (WebAuthn credential) a member signs in with on one site. <see cref="Data"/> is what the sign-in code needs to check
/// a signature (the public key, its counter, its flags), kept as the web layer wrote it: Core neither reads nor changes it.
/// </summary>
/// <param name="CredentialId">The authenticator's id for it, base64url: unique on the site, so it finds the member at sign-in.</param>
/// <param name="Name">What the member called it ("Work laptop"), shown in their list.</param>
public sealed record MemberPasskey(string CredentialId, long MemberId, string Name, DateTimeOffset CreatedAt, string Data);

public interface IPasskeyStore
{
    /// <summary>Adds the passkey, or, for one the member already has, keeps its new <see cref="MemberPasskey.Data"/> and name.</summary>
    Task SaveAsync(string tenantId, MemberPasskey passkey, CancellationToken ct = default);
    /// <summary>The member's passkeys, oldest first.</summary>
    Task<IReadOnlyList<MemberPasskey>> ListAsync(string tenantId, long memberId, CancellationToken ct = default);
    Task<MemberPasskey?> FindAsync(string tenantId, string credentialId, CancellationToken ct = default);
    /// <summary>Removes one of the member's passkeys: false when they have none with that id (another member's is not theirs to remove).</summary>
    Task<bool> RemoveAsync(string tenantId, long memberId, string credentialId, CancellationToken ct = default);
}
