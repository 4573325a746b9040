using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dapper;
using Engine.Core.Common;
using Engine.Data.GroupCommit;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Engine.Data.Sqlite;

/// <summary>
/// The embedded store. Readers take pooled connections; every write goes through one writer
/// connection fed by a queue (<see cref="GroupCommitWriter"/>), so SQLite never answers SQLITE_BUSY
/// (which Microsoft.Data.Sqlite would "handle" by sleeping 150 ms on a thread).
/// Writes are committed in groups (a write that fails leaves nothing behind), with one fsync per group under
/// synchronous=FULL, and each caller is answered only after the commit.
/// </summary>
public sealed class SqliteDatabase : Database, IGroupCommitStore
{
    private readonly string _connectionString, _readerConnectionString;
    private readonly GroupCommitWriter _writes;
    private readonly DataVersions _versions;
    private readonly CommandNotices _notices;
    private volatile bool _tellServingEngines;

    static SqliteDatabase()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    // SQLitePCLRaw 3 no longer wraps sqlite3_busy_handler, so it is called in the native library directly.
    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_busy_handler(IntPtr db, IntPtr handler, IntPtr argument);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyHandler(IntPtr argument, int count);

    // SQLite hands the handler back the argument it was registered with: a handle on the count of the database that
    // opened the connection, so engines side by side in one process count their own.
    private static readonly BusyHandler OnBusy = (argument, _) =>
    {
        if (GCHandle.FromIntPtr(argument).Target is StrongBox<long> busy) Interlocked.Increment(ref busy.Value);
        return 0;
    };
    private static readonly IntPtr OnBusyPointer = Marshal.GetFunctionPointerForDelegate(OnBusy);

    private readonly StrongBox<long> _busy = new();
    private GCHandle _busyHandle;
    // Pooled connections keep their native handle between opens: one registration each.
    private readonly ConditionalWeakTable<sqlite3, object> _counting = new();

    /// <summary>
    /// SQLite calls the busy handler where it would answer SQLITE_BUSY; answering 0 lets it do so
    /// (Microsoft.Data.Sqlite then sleeps 150 ms and retries, as without it), so this counts and changes nothing.
    /// </summary>
    private void CountBusy(SqliteConnection connection)
    {
        var handle = connection.Handle!;
        if (_counting.TryGetValue(handle, out _)) return;
        try
        {
            BusyCounted = sqlite3_busy_handler(handle.DangerousGetHandle(), OnBusyPointer, GCHandle.ToIntPtr(_busyHandle)) == raw.SQLITE_OK;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            BusyCounted = false;
        }
        _counting.AddOrUpdate(handle, _busy);
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr sqlite3_wal_hook(IntPtr db, IntPtr hook, IntPtr argument);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int WalHook(IntPtr argument, IntPtr db, IntPtr databaseName, int pages);

    private static readonly WalHook OnLogged = (argument, _, _, pages) =>
    {
        if (GCHandle.FromIntPtr(argument).Target is StrongBox<int> logged) Volatile.Write(ref logged.Value, pages);
        return raw.SQLITE_OK;
    };
    private static readonly IntPtr OnLoggedPointer = Marshal.GetFunctionPointerForDelegate(OnLogged);

    /// <summary>
    /// How many pages logged make a checkpoint (a copy of the log into the database file, with its fsync): 4,000
    /// (about 16 MB) rather than SQLite's 1,000. A vote storm rewrites the same hot pages (the ideas' counters, the ends
    /// of the indexes) over and over, and a checkpoint copies each page once however often it was logged, so fewer,
    /// larger checkpoints write far less: measured, about a quarter more votes a second. The log starts again from its
    /// beginning every sixteen checkpoints, so under steady writing it grows to about 256 MB (see <see cref="Checkpoints"/>).
    /// </summary>
    public const int DefaultCheckpointPages = 4000;

    // Pages in the log after the writer's last commit, as SQLite's WAL hook tells it (see AfterAnswering).
    private readonly StrongBox<int> _logged = new();
    private GCHandle _loggedHandle;
    private bool _hooked;
    private readonly Checkpoints _checkpoints;

    /// <param name="versions">Told after each commit which tenants' data changed, so caches can drop their copies.</param>
    /// <param name="checkpointPages">See <see cref="DefaultCheckpointPages"/>; smaller in tests.</param>
    public SqliteDatabase(string path, DataVersions? versions = null, int checkpointPages = DefaultCheckpointPages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpointPages, 1);
        CheckpointPages = checkpointPages;
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _versions = versions ?? new DataVersions();
        _writes = new GroupCommitWriter(this, _versions, nameof(SqliteDatabase));
        _notices = new CommandNotices(Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
        // Readers never write, so they skip the PRAGMA foreign_keys that Microsoft.Data.Sqlite runs on every open.
        _readerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { ForeignKeys = null }.ToString();
        _checkpoints = new Checkpoints(new SqliteConnectionStringBuilder(_readerConnectionString) { Pooling = false }.ToString(), checkpointPages);
        _busyHandle = GCHandle.Alloc(_busy);
    }

    public string Path { get; }

    /// <summary>Pages logged per checkpoint (see <see cref="DefaultCheckpointPages"/>).</summary>
    public int CheckpointPages { get; }

    /// <summary>The log's size, in pages, at which it starts again from its beginning: its size under load.</summary>
    public int LogRestartPages => _checkpoints.RestartPages;

    public override SqlDialect Dialect => SqlDialect.Sqlite;
    public override string Describe => Path;

    /// <summary>How often SQLite reported this database busy (each costs Microsoft.Data.Sqlite a 150 ms sleep). Should stay 0.</summary>
    public long BusyCount => Interlocked.Read(ref _busy.Value);
    /// <summary>False if the busy handler could not be installed: then <see cref="BusyCount"/> means nothing.</summary>
    public bool BusyCounted { get; private set; }
    public override long Commits => _writes.Commits;
    public override long Writes => _writes.Writes;

    public override DbConnection OpenReader() => OpenSqliteReader();

    public SqliteConnection OpenSqliteReader()
    {
        var connection = new SqliteConnection(_readerConnectionString);
        connection.Open();
        CountBusy(connection);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer, committed before the returned task completes;
    /// nothing is kept if it throws. Only <paramref name="tenantId"/>'s cached pages are dropped.
    /// </summary>
    public override Task<T> WriteAsync<T>(string? tenantId, WriteScope scope, Func<DbConnection, DbTransaction, T> work, CancellationToken ct = default) =>
        _writes.WriteAsync(tenantId, scope, work, ct);

    public override Task<T> WriteAsync<T>(string? tenantId, WriteScope scope, Statement<T> statement, CancellationToken ct = default) =>
        _writes.WriteAsync(tenantId, scope, statement, ct);

    DbConnection IGroupCommitStore.OpenWriter()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            CountBusy(connection);
            // WAL lets readers run while the writer commits; FULL makes an acknowledged vote survive power loss.
            connection.Execute($"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint={CheckpointPages};");
            WatchTheLog(connection);
            return connection;
        }
        catch
        {
            // Not kept in the pool: the next try must open the file afresh.
            try { SqliteConnection.ClearPool(connection); } catch (Exception) { /* it never opened */ }
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// SQLite checkpoints inside the COMMIT that fills the log, so the whole group would wait for the copy and its
    /// fsyncs before hearing that its votes are safe (they were, already), and so would every write queued behind it.
    /// A WAL hook of the engine's own replaces SQLite's (and so its automatic checkpoints): it notes the log's size,
    /// and <see cref="Checkpoints"/> copies the log mostly on a thread of its own. If the hook cannot be set, SQLite's
    /// own automatic checkpoints, at the same size, stay in place.
    /// </summary>
    private void WatchTheLog(SqliteConnection writer)
    {
        try
        {
            if (!_loggedHandle.IsAllocated) _loggedHandle = GCHandle.Alloc(_logged);
            sqlite3_wal_hook(writer.Handle!.DangerousGetHandle(), OnLoggedPointer, GCHandle.ToIntPtr(_loggedHandle));
            _hooked = true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // SQLite's automatic checkpoints, set above, go on as before.
        }
    }

    void IGroupCommitStore.AfterAnswering(DbConnection writer, IReadOnlyList<(string? TenantId, WriteScope Scope)> committed)
    {
        if (_hooked) _checkpoints.BetweenGroups(writer, Volatile.Read(ref _logged.Value));
        if (_tellServingEngines) _notices.Tell(committed.Select(c => c.TenantId));
    }

    /// <summary>From now on each commit is told to the engines serving this file (see <see cref="CommandNotices"/>).</summary>
    public override void TellServingEngines() => _tellServingEngines = true;

    /// <summary>Hears the commands run beside this engine on the same file (tenant import, delete), every second.</summary>
    public override Task WatchOtherNodesAsync(CancellationToken stop) => _notices.HearAsync(tenantId =>
    {
        _versions.Changed(tenantId);
        OnChangedOnAnotherNode(tenantId);
    }, stop);

    /// <summary>The file through which commands tell serving engines what they changed.</summary>
    public string NoticesPath => _notices.Path;

    // BEGIN IMMEDIATE: the writer takes the write lock at the start, never halfway through a group.
    IsolationLevel IGroupCommitStore.WriterIsolation => IsolationLevel.Serializable;

    // Microsoft.Data.Sqlite has no batches: every group runs write by write in its transaction.
    bool IGroupCommitStore.CommitsBatches => false;

    bool IGroupCommitStore.ServerRolledBack(Exception failure) => false;

    // After a full disk, an I/O error or corruption SQLite may have rolled the whole transaction back itself.
    // SQLITE_READONLY too: SQLite opens a connection read-only, silently, when its file cannot be opened for
    // writing (a disk remounted read-only), and that connection stays read-only after the disk is fixed.
    bool IGroupCommitStore.LosesTransaction(Exception failure) =>
        failure is SqliteException { SqliteErrorCode: raw.SQLITE_FULL or raw.SQLITE_IOERR or raw.SQLITE_CORRUPT or raw.SQLITE_READONLY };

    void IGroupCommitStore.WriterLost(DbConnection writer, Exception failure)
    {
        // Out of the pool too, or the next group would be handed the same native connection back.
        SqliteConnection.ClearPool((SqliteConnection)writer);
        // SQLite shares one WAL index (the -shm file) between all the connections of a process to a database,
        // opened read-only if the first of them could not write it (the engine started on a read-only disk).
        // While any reader still holds it, a new writer gets it read-only too: the readers are closed as well.
        if (failure is SqliteException { SqliteErrorCode: raw.SQLITE_READONLY })
            try { using var readers = new SqliteConnection(_readerConnectionString); SqliteConnection.ClearPool(readers); }
            catch (Exception) { /* readers are reopened as needed either way */ }
    }

    // Commands beside a serving engine tell it after their commit (AfterAnswering): a file cannot join the transaction.
    Statement? IGroupCommitStore.BeforeCommit(IReadOnlyList<(string? TenantId, WriteScope Scope)> changed) => null;

    // A failed SQLite transaction is the disk's doing (full, I/O error): trying again at once would fail the same way.
    bool IGroupCommitStore.TryAgainAfter(Exception failure) => false;

    public override async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        _checkpoints.Dispose();
        SqliteConnection.ClearAllPools();
        if (_loggedHandle.IsAllocated) _loggedHandle.Free();
        // After the pools are cleared: no connection of this database is left to call the busy handler.
        if (_busyHandle.IsAllocated) _busyHandle.Free();
    }
}
