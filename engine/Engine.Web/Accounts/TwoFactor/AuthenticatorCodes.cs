using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Engine.Core.Members;

namespace Engine.Web.Accounts.TwoFactor;

/// <summary>
/// Checks a code from a member's authenticator app as Identity's AuthenticatorTokenProvider does (RFC 6238: HMAC-SHA1,
/// 30-second steps, six digits, two steps either side for a phone's clock that drifts), but on the engine's clock and
/// knowing which step the code is from, so that each code works once (<see cref="IAuthenticatorSteps"/>): a code
/// already used, or one older than it, is refused.
/// </summary>
public sealed class AuthenticatorCodes(IAuthenticatorSteps steps, TimeProvider clock)
{
    public const int StepSeconds = 30;
    private const int Drift = 2;

    /// <summary>True once for a right code: the member's app made it from their key at a step they have not used yet.</summary>
    public async Task<bool> UseAsync(Member member, string code, CancellationToken ct = default)
    {
        if (member.AuthenticatorKey is not { } key || Base32(key) is not { Length: > 0 } secret) return false;
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        var typed = Encoding.ASCII.GetBytes(code);
        for (var step = now - Drift; step <= now + Drift; step++)
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), typed))
                return await steps.UseAsync(member.TenantId, member.Id, step, ct);
        return false;
    }

    private static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        return ((BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000).ToString("D6");
    }

    /// <summary>The key's bytes from the Base32 Identity writes it in (RFC 4648, no padding); null for a key that is not Base32.</summary>
    private static byte[]? Base32(string key)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(key.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in key.TrimEnd('='))
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(c));
            if (value < 0) return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits < 8) continue;
            bits -= 8;
            bytes.Add((byte)(buffer >> bits));
        }
        return [.. bytes];
    }
}
