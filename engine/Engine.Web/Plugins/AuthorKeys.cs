using System.Security.Cryptography;
using System.Text;
using Engine.Core.Anonymity;

namespace Engine.Web.Plugins;

/// <summary>
/// HMAC-SHA256 of tenant and member under a secret kept in the data folder, outside the database:
/// someone with the database alone (an administrator, a backup) cannot tell who wrote a fully
/// anonymous contribution. Losing the secret only breaks the link for past contributions' authors.
/// </summary>
public sealed class AuthorKeys(string keyFile) : IAuthorKeys
{
    private readonly Lazy<byte[]> _secret = new(() => LoadOrCreate(keyFile));

    public string KeyFor(string tenantId, long memberId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_secret.Value, Encoding.UTF8.GetBytes($"{tenantId}\n{memberId}")));

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
