using System.Diagnostics;

namespace Engine.Web.Tests.Durability;

/// <summary>
/// A data folder the kernel refuses to write, for every process, root included: the immutable attribute
/// (chattr +i) on the folder and everything in it. Open descriptors fail their writes (EPERM, as EROFS does
/// when a failing disk is remounted read-only), and SQLite opens the files read-only from then on, exactly
/// as on a read-only disk. Unlike a remount it works with the files open, and unlike chmod it also stops root.
/// </summary>
public static class ReadOnlyDisk
{
    /// <param name="sharedMemoryWritable">
    /// Leaves SQLite's WAL index (engine.db-shm) writable. A process writes that file through a memory map, and
    /// the kernel answers a write fault on an unwritable file (immutable, or on a disk remounted read-only) with
    /// SIGBUS, which kills the process. A test that keeps the engine running in its own process needs this;
    /// a test that starts the engine on an already read-only disk does not (SQLite then maps it read-only).
    /// </param>
    public static void Set(string folder, bool readOnly, bool sharedMemoryWritable = false)
    {
        var paths = Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Prepend(folder)
            .Where(p => !(sharedMemoryWritable && p.EndsWith("-shm", StringComparison.Ordinal)));
        Chattr(readOnly ? "+i" : "-i", paths);
    }

    /// <summary>Writable again, if the folder is still there: a test that failed half-way must not leave an undeletable folder behind.</summary>
    public static void Restore(string folder)
    {
        if (Directory.Exists(folder)) Chattr("-i", ["-R", folder]);
    }

    private static void Chattr(string flag, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("chattr") { RedirectStandardError = true };
        start.ArgumentList.Add(flag);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var chattr = Process.Start(start) ?? throw new InvalidOperationException("chattr could not be started");
        var error = chattr.StandardError.ReadToEnd();
        chattr.WaitForExit();
        if (chattr.ExitCode != 0)
            throw new InvalidOperationException(
                $"`chattr {flag} {string.Join(' ', start.ArgumentList.Skip(1))}` failed ({chattr.ExitCode}: {error.Trim()}). The read-only disk tests make the data " +
                "folder read-only with the immutable attribute: they need root with CAP_LINUX_IMMUTABLE (the build machine and CI have it) and a file system " +
                "that supports it (ext4, xfs, btrfs).");
    }
}
