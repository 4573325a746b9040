using System.Security.Cryptography;

namespace Engine.Themes;

/// <summary>
/// A short hash of a set of files' names and contents, for addresses that change whenever a file does (and so can be
/// cached for good): 12 hex digits, 48 bits, more than enough to tell versions of one set of files apart.
/// </summary>
public static class ContentHash
{
    /// <param name="files">Each file's name as addresses give it (relative, with forward slashes) and its path on disk.</param>
    public static string Of(IEnumerable<(string Name, string Path)> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, path) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            // The name and a separator first, so moving bytes from one file to the next changes the hash.
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\0"));
            hash.AppendData(File.ReadAllBytes(path));
            hash.AppendData([0]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
