using System.Security.Cryptography;
using System.Text;
using Engine.Data.Transfer;
using Engine.Web.Plugins;

namespace Engine.Web.Hosting;

/// <summary>
/// Moves a tenant's anonymity key with its export, so its fully anonymous authors stay linked to their own posts on
/// another deployment (whose anonymity.key differs). The export carries the tenant's own key sealed with a transfer
/// passphrase (PBKDF2-SHA256, then AES-GCM) that the operator gives both deployments (Engine:Transfer:Passphrase),
/// never in the file: the file alone links no anonymous post to a member. A tenant that has no own key yet (it was
/// born here) is given one for the journey: its authors' hashes are made again under it in the export, while the
/// tenant here keeps the deployment's.
/// </summary>
public static class TenantKeyTransfer
{
    public const string PassphraseSetting = "Engine:Transfer:Passphrase";
    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 600_000; // OWASP's figure for PBKDF2-HMAC-SHA256
    private const int MinimumLength = 12;

    /// <summary>The export with the tenant's key sealed in it, and its authors' hashes under that key.</summary>
    public static TenantDump SealInto(TenantDump dump, AuthorKeys keys, string passphrase)
    {
        Check(passphrase);
        var own = keys.OwnKeyOf(dump.TenantId);
        var key = own ?? RandomNumberGenerator.GetBytes(32);
        var tables = own is null ? Rehashed(dump, keys, key) : dump.Tables;
        return new TenantDump(dump.TenantId, dump.SchemaVersion, tables) { AnonymityKey = Seal(key, passphrase) };
    }

    /// <summary>The tenant's key from an export, or a refusal naming what is wrong.</summary>
    public static byte[] Open(TenantDump dump, string? passphrase)
    {
        if (passphrase is null)
            throw new InvalidOperationException($"The export carries tenant {dump.TenantId}'s anonymity key sealed with a transfer passphrase: " +
                $"set {PassphraseSetting} (environment Engine__Transfer__Passphrase) to the one it was exported with.");
        // The rounds come from the file: bounded, so a doctored file cannot keep the command busy for hours.
        var parts = dump.AnonymityKey!.Split('$');
        if (parts is not [Scheme, var rounds, var salt, var sealedKey] || !int.TryParse(rounds, out var iterations) || iterations is < 100_000 or > 10_000_000
            || !IsBase64(salt) || !IsBase64(sealedKey))
            throw new InvalidDataException($"The export's anonymityKey is not a key sealed by this engine ({Scheme}$rounds$salt$key).");
        return SealedBytes.Open(Derive(passphrase, Convert.FromBase64String(salt), iterations), Convert.FromBase64String(sealedKey))
            ?? throw new InvalidOperationException($"{PassphraseSetting} is not the passphrase tenant {dump.TenantId} was exported with: nothing was imported.");
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    private static void Check(string passphrase)
    {
        if (passphrase.Length < MinimumLength)
            throw new InvalidOperationException($"{PassphraseSetting} must be at least {MinimumLength} characters: it is all that keeps the export's anonymous authors unlinked.");
    }

    private static string Seal(byte[] key, string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(SealedBytes.Seal(Derive(passphrase, salt, Iterations), key))}";
    }

    private static byte[] Derive(string passphrase, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, 32);

    /// <summary>
    /// Every member's hash under this deployment's secret replaced by their hash under <paramref name="key"/>. A hash
    /// that is no member's (their account was deleted, their posts kept) stays as it is: it links to nobody anywhere.
    /// </summary>
    private static Dictionary<string, TableRows> Rehashed(TenantDump dump, AuthorKeys keys, byte[] key)
    {
        var members = dump.Tables.TryGetValue("members", out var rows) ? rows.Rows.Select(r => (long)r[rows.Columns.ToList().IndexOf("id")]!) : [];
        var rehash = members.ToDictionary(m => keys.KeyFor(dump.TenantId, m), m => AuthorKeys.KeyUnder(key, m), StringComparer.Ordinal);
        return dump.Tables.ToDictionary(t => t.Key, t =>
        {
            var column = t.Value.Columns.ToList().IndexOf("author_key");
            if (column < 0) return t.Value;
            return new TableRows(t.Value.Columns, t.Value.Rows.Select(row =>
            {
                var copy = (object?[])row.Clone();
                if (copy[column] is string hash && rehash.TryGetValue(hash, out var under)) copy[column] = under;
                return copy;
            }).ToList());
        }, StringComparer.Ordinal);
    }
}
