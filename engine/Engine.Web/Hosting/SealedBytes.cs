using System.Security.Cryptography;

namespace Engine.Web.Hosting;

/// <summary>
/// AES-GCM in one place for the keys the engine keeps or sends sealed (a tenant's anonymity key wrapped by the
/// deployment's secret, or sealed with a transfer passphrase): nonce, tag and ciphertext together, so a key that was
/// changed or sealed under another secret is refused rather than read wrong.
/// </summary>
public static class SealedBytes
{
    private const int NonceSize = 12, TagSize = 16;

    public static byte[] Seal(byte[] key, byte[] plain)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var tag = new byte[TagSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key, TagSize)) aes.Encrypt(nonce, plain, cipher, tag);
        return [.. nonce, .. tag, .. cipher];
    }

    /// <summary>The plain bytes, or null when <paramref name="key"/> is not the one they were sealed with (or they were changed).</summary>
    public static byte[]? Open(byte[] key, byte[] sealedBytes)
    {
        if (sealedBytes.Length < NonceSize + TagSize) return null;
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes[NonceSize..(NonceSize + TagSize)], plain);
            return plain;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
