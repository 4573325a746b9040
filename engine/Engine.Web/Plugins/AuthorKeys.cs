using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Engine.Core.Anonymity;
using Engine.Core.Common;
using Engine.Data;

namespace Engine.Web.Plugins;

/// <summary>
/// HMAC-SHA256 of tenant and member under a secret kept in the data folder, outside the database:
/// someone with the database alone (an administrator, a backup) cannot tell who wrote a fully
/// anonymous contribution. Losing the secret only breaks the link for past contributions' authors.
/// A tenant moved here from another deployment brings its own key (its authors' hashes were made with it there): that
/// key is kept in the database wrapped by this deployment's secret, and its members are hashed with it instead.
/// </summary>
public sealed class AuthorKeys(string keyFile, Database? db = null, DataVersions? versions = null) : IAuthorKeys
{
    private readonly Lazy<byte[]> _secret = new(() => LoadOrCreate(keyFile));
    // Per tenant: its own key or none, read at a data version, and its members' keys worked out so far (HMACs for
    // thousands of voters on every count of the numbers would add up). A write that could import or delete the tenant
    // moves the version (on another node too), and the entry is read again.
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);

    private sealed record Tenant(long Version, byte[]? OwnKey)
    {
        public ConcurrentDictionary<long, string> Members { get; } = new();
    }

    public string KeyFor(string tenantId, long memberId)
    {
        var tenant = TenantEntry(tenantId);
        return tenant.Members.GetOrAdd(memberId, m => tenant.OwnKey is { } own ? KeyUnder(own, m) : DeploymentKeyFor(tenantId, m));
    }

    /// <summary>The tenant's own key, or null when it uses this deployment's secret.</summary>
    public byte[]? OwnKeyOf(string tenantId) => TenantEntry(tenantId).OwnKey;

    /// <summary>A member's key under a tenant's own key: the tenant's id is not in it, so it holds under another id (import --as).</summary>
    public static string KeyUnder(byte[] tenantKey, long memberId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(tenantKey, Encoding.UTF8.GetBytes(memberId.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>A tenant's own key wrapped (AES-GCM) by this deployment's secret, for the database.</summary>
    public string Wrap(byte[] tenantKey) => Convert.ToBase64String(Hosting.SealedBytes.Seal(WrappingKey(), tenantKey));

    private byte[] Unwrap(string tenantId, string wrapped) =>
        Hosting.SealedBytes.Open(WrappingKey(), Convert.FromBase64String(wrapped))
        ?? throw new InvalidOperationException($"Tenant {tenantId}'s own anonymity key (table tenant_keys) was not wrapped by this deployment's {keyFile}: restore that file.");

    private byte[] WrappingKey() => HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret.Value, 32, info: "engine tenant anonymity key"u8.ToArray());

    private string DeploymentKeyFor(string tenantId, long memberId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_secret.Value, Encoding.UTF8.GetBytes($"{tenantId}\n{memberId}")));

    private Tenant TenantEntry(string tenantId)
    {
        if (db is null) return _tenants.GetOrAdd(tenantId, _ => new Tenant(0, null));
        var version = versions?.BesidesVotes(tenantId) ?? 0;
        if (_tenants.TryGetValue(tenantId, out var known) && known.Version == version) return known;
        // The version is read before the key, so a key changed meanwhile moves it again and is read at the next call.
        using var c = db.OpenReader();
        var wrapped = c.QuerySingleOrDefault<string>("SELECT anonymity_key FROM tenant_keys WHERE tenant_id = @tenantId", new { tenantId });
        var entry = new Tenant(version, wrapped is null ? null : Unwrap(tenantId, wrapped));
        _tenants[tenantId] = entry;
        return entry;
    }

    private static byte[] LoadOrCreate(string file)
    {
        if (File.Exists(file)) return Convert.FromBase64String(File.ReadAllText(file).Trim());
        var secret = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var stream = Hosting.PrivateFiles.Create(file, FileMode.CreateNew);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(secret)));
            return secret;
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another node or thread created it first: use theirs.
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
    }
}
