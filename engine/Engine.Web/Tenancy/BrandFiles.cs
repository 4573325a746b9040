using System.Security.Cryptography;
using Engine.Core.Administration;

namespace Engine.Web.Tenancy;

/// <summary>
/// Uploaded brand files under <c>&lt;data&gt;/brand/&lt;tenant id&gt;/</c>: outside tenants/ (which deploy
/// tools own) and outside any static-file root, served only by <c>/brand/{file}</c> for that tenant.
/// Names come from the content's hash, so a replaced logo gets a new URL and caches never show the old one.
/// </summary>
public sealed class BrandFiles(string dataFolder) : IBrandFiles
{
    private readonly string _root = Path.GetFullPath(Path.Combine(dataFolder, "brand"));

    public async Task<string> SaveLogoAsync(string tenantId, byte[] bytes, string extension, CancellationToken ct = default)
    {
        var folder = Folder(tenantId);
        Directory.CreateDirectory(folder);
        var name = $"logo-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.{extension}";
        var temp = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(temp, bytes, ct);
        File.Move(temp, Path.Combine(folder, name), overwrite: true);
        return name;
    }

    public string? Find(string tenantId, string fileName)
    {
        var folder = Folder(tenantId) + Path.DirectorySeparatorChar;
        var file = Path.GetFullPath(Path.Combine(folder, fileName));
        return file.StartsWith(folder, StringComparison.Ordinal) && !Path.GetFileName(file).StartsWith('.') && File.Exists(file) ? file : null;
    }

    public void Delete(string tenantId, string fileName)
    {
        if (Find(tenantId, fileName) is { } file) File.Delete(file);
    }

    private string Folder(string tenantId) => Path.Combine(_root, tenantId);
}
