using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Engine.Tests.Shared;

/// <summary>
/// What an authenticator app on a phone does with the key the enrol page shows (RFC 6238 TOTP: HMAC-SHA1, 30-second steps,
/// six digits), written from the RFC rather than borrowed from the engine, so the tests check the engine against the standard.
/// </summary>
public static class TestAuthenticatorApp
{
    /// <param name="key">The key as shown: Base32, in groups or not.</param>
    /// <param name="stepsFromNow">
    /// 0 for the code the app shows now; -1 for the one it showed before, 1 for the next (the engine takes a code from two steps
    /// either side of its own, and each code once, so a test that gives a second code in the same half minute gives the next).
    /// </param>
    public static string Code(string key, int stepsFromNow = 0) => Code(key, DateTimeOffset.UtcNow, stepsFromNow);

    /// <summary>The code the app shows at <paramref name="at"/>: for an engine on a clock the test moves.</summary>
    public static string Code(string key, DateTimeOffset at, int stepsFromNow = 0)
    {
        var step = at.ToUnixTimeSeconds() / 30 + stepsFromNow;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(Base32(key), counter);
        var offset = hash[^1] & 0x0f;
        var number = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return number.ToString("D6");
    }

    private static byte[] Base32(string key)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in key.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            value = (value << 5) | Alphabet.IndexOf(c);
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(value >> (bits - 8)));
            bits -= 8;
        }
        return [.. bytes];
    }
}
