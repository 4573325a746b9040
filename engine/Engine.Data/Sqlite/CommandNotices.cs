using System.Text;

namespace Engine.Data.Sqlite;

/// <summary>
/// How a command run beside a serving engine on the same SQLite file (tenant import, tenant delete: see StoreCommands)
/// tells that engine what it changed, as PostgreSQL's NOTIFY tells the other nodes. SQLite has no messages between
/// processes, so the command appends "process, tenant" lines to a file beside the database, and the serving engine
/// looks for new lines every second; it then drops its cached copies of those tenants and reloads their settings.
/// Only commands append (a few lines per run), so the file stays small; a serving engine reads only what is new.
/// </summary>
internal sealed class CommandNotices(string databasePath)
{
    private const string AnyTenant = "*";

    /// <summary>How often a serving engine looks for new lines: a restored tenant shows within about this long.</summary>
    public static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(1);

    // Each database opened has its own, so an engine skips its own lines even where a test runs a command in its process.
    private readonly string _process = Guid.NewGuid().ToString("N");

    public string Path { get; } = databasePath + "-notices";

    /// <summary>Appends one line per tenant (null: any tenant) in one write, which the system appends whole.</summary>
    public void Tell(IEnumerable<string?> tenantIds)
    {
        var lines = string.Concat(tenantIds.Distinct().Select(t => $"{_process}\t{t ?? AnyTenant}\n"));
        if (lines.Length == 0) return;
        using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        file.Write(Encoding.UTF8.GetBytes(lines));
    }

    /// <summary>Until <paramref name="stop"/>, hands <paramref name="changed"/> each tenant another process named since this started.</summary>
    public async Task HearAsync(Action<string?> changed, CancellationToken stop)
    {
        // What was written before this engine started is in what it loaded.
        var read = Length();
        using var timer = new PeriodicTimer(LookEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var length = Length();
                if (length == read) continue;
                if (length < read)
                {
                    // Removed or cut short by an operator: what it said is unknown, so every tenant may have changed.
                    read = 0;
                    changed(null);
                    continue;
                }
                read += ReadLines(read, length, changed);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private long Length()
    {
        var file = new FileInfo(Path);
        return file.Exists ? file.Length : 0;
    }

    /// <summary>The complete lines between the two offsets, handed on; returns the bytes used (a line still being written waits).</summary>
    private long ReadLines(long from, long to, Action<string?> changed)
    {
        byte[] bytes;
        try
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            file.Position = from;
            bytes = new byte[to - from];
            file.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // tried again at the next look
        }
        var used = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, used).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length != 2 || parts[0] == _process) continue;
            changed(parts[1] == AnyTenant ? null : parts[1]);
        }
        return used;
    }
}
