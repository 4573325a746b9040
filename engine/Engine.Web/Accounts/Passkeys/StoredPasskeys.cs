using System.Buffers.Text;
using Engine.Core.Members;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts.Passkeys;

/// <summary>
/// Identity's passkey record as our store keeps it: the credential id as base64url text (tenant exports carry text and integers
/// only), and the rest as JSON that only this class reads.
/// </summary>
public static class StoredPasskeys
{
    private sealed record Data(string PublicKey, uint SignCount, string[]? Transports, bool IsUserVerified, bool IsBackupEligible, bool IsBackedUp,
        string AttestationObject, string ClientDataJson);

    public static string Id(byte[] credentialId) => Base64Url.EncodeToString(credentialId);

    public static MemberPasskey ToStored(long memberId, UserPasskeyInfo passkey) =>
        new(Id(passkey.CredentialId), memberId, passkey.Name ?? "", passkey.CreatedAt, System.Text.Json.JsonSerializer.Serialize(new Data(
            Base64Url.EncodeToString(passkey.PublicKey), passkey.SignCount, passkey.Transports, passkey.IsUserVerified, passkey.IsBackupEligible,
            passkey.IsBackedUp, Base64Url.EncodeToString(passkey.AttestationObject), Base64Url.EncodeToString(passkey.ClientDataJson))));

    public static UserPasskeyInfo ToInfo(MemberPasskey stored)
    {
        var data = System.Text.Json.JsonSerializer.Deserialize<Data>(stored.Data)
            ?? throw new InvalidDataException($"Passkey {stored.CredentialId} of member {stored.MemberId}: its data is empty.");
        return new UserPasskeyInfo(Base64Url.DecodeFromChars(stored.CredentialId), Base64Url.DecodeFromChars(data.PublicKey), stored.CreatedAt,
            data.SignCount, data.Transports, data.IsUserVerified, data.IsBackupEligible, data.IsBackedUp,
            Base64Url.DecodeFromChars(data.AttestationObject), Base64Url.DecodeFromChars(data.ClientDataJson))
        { Name = stored.Name };
    }
}
