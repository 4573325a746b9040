using System.Security.Cryptography;
using System.Text;

namespace Engine.Web.Accounts.TwoFactor;

/// <summary>Recovery codes as typed (any case, spaces or not) and as kept (a SHA-256 hash: the codes are random, so no salt is needed).</summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    /// <summary>Identity makes codes like "7KQ2X-MX4PB" in upper case: a code typed in lower case or with spaces is the same code.</summary>
    public static string Normalize(string code) => new(code.Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant).ToArray());

    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));
}
