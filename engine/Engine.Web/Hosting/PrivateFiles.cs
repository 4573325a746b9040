namespace Engine.Web.Hosting;

/// <summary>
/// Files that hold secrets or a tenant's people (the anonymity key, tenant exports) are readable by the engine's own user
/// only (0600), whatever the process's umask, and so is a folder made for them (0700); a file written over is made so
/// too. On Windows the folder's access list decides, as for every other file.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = FileMode | UnixFileMode.UserExecute;

    /// <summary>Opens <paramref name="path"/> for writing, as <paramref name="mode"/> says, readable by this user only.</summary>
    public static FileStream Create(string path, System.IO.FileMode mode, FileOptions options = FileOptions.None)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, FolderMode);
        }
        var settings = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = FileShare.None, Options = options, BufferSize = 81920 };
        if (OperatingSystem.IsWindows()) return new FileStream(path, settings);
        settings.UnixCreateMode = FileMode;
        var stream = new FileStream(path, settings);
        // A file that was there already keeps its mode when opened: set it before anything is written.
        File.SetUnixFileMode(stream.SafeFileHandle, FileMode);
        return stream;
    }
}
