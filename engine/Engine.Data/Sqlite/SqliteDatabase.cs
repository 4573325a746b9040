using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Dapper;
using Engine.Core.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Engine.Data.Sqlite;

/// <summary>
/// The embedded store. Readers take pooled connections; every write goes through one writer
/// connection fed by a queue, so SQLite never answers SQLITE_BUSY (which Microsoft.Data.Sqlite
/// would "handle" by sleeping 150 ms on a thread).
/// Writes are committed in groups: the writer takes every write waiting in the queue, runs each in
/// its own savepoint (a write that throws leaves nothing behind and does not disturb the others),
/// commits them with one fsync, and only then answers each caller. Under load this turns thousands
/// of fsyncs a second into a few hundred, without giving up synchronous=FULL.
/// </summary>
public sealed class SqliteDatabase : Database
{
    /// <summary>Enough to amortise the fsync; small enough that one group never holds readers' memory long.</summary>
    private const int MaxGroup = 512;

    private readonly string _connectionString, _readerConnectionString;
    private readonly Channel<IWrite> _queue = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private readonly DataVersions _versions;
    private Task? _writerLoop;
    private SqliteConnection? _writer;
    private long _commits, _writes;
    private static long _busy;

    static SqliteDatabase()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    // SQLitePCLRaw 3 no longer wraps sqlite3_busy_handler, so it is called in the native library directly.
    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_busy_handler(IntPtr db, IntPtr handler, IntPtr argument);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyHandler(IntPtr argument, int count);

    private static readonly BusyHandler OnBusy = (_, _) => { Interlocked.Increment(ref _busy); return 0; };
    private static readonly IntPtr OnBusyPointer = Marshal.GetFunctionPointerForDelegate(OnBusy);
    // Pooled connections keep their native handle between opens: one registration each.
    private static readonly ConditionalWeakTable<sqlite3, object> Counting = new();

    /// <summary>
    /// SQLite calls the busy handler where it would answer SQLITE_BUSY; answering 0 lets it do so
    /// (Microsoft.Data.Sqlite then sleeps 150 ms and retries, as without it), so this counts and changes nothing.
    /// </summary>
    private static void CountBusy(SqliteConnection connection)
    {
        var handle = connection.Handle!;
        if (Counting.TryGetValue(handle, out _)) return;
        try
        {
            BusyCounted = sqlite3_busy_handler(handle.DangerousGetHandle(), OnBusyPointer, IntPtr.Zero) == raw.SQLITE_OK;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            BusyCounted = false;
        }
        Counting.AddOrUpdate(handle, OnBusy);
    }

    /// <param name="versions">Told after each commit which tenants' data changed, so caches can drop their copies.</param>
    public SqliteDatabase(string path, DataVersions? versions = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _versions = versions ?? new DataVersions();
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
        // Readers never write, so they skip the PRAGMA foreign_keys that Microsoft.Data.Sqlite runs on every open.
        _readerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { ForeignKeys = null }.ToString();
    }

    public string Path { get; }

    public override SqlDialect Dialect => SqlDialect.Sqlite;
    public override string Describe => Path;

    /// <summary>How often SQLite reported a busy database in this process (each costs Microsoft.Data.Sqlite a 150 ms sleep). Should stay 0.</summary>
    public static long BusyCount => Interlocked.Read(ref _busy);
    /// <summary>False if the busy handler could not be installed: then <see cref="BusyCount"/> means nothing.</summary>
    public static bool BusyCounted { get; private set; }
    /// <summary>Transactions committed, and writes in them: their ratio is the average group size.</summary>
    public long Commits => Interlocked.Read(ref _commits);
    public long Writes => Interlocked.Read(ref _writes);

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
    public override Task<T> WriteAsync<T>(string? tenantId, Func<DbConnection, DbTransaction, T> work, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var write = new Write<T>(tenantId, work, ct);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(SqliteDatabase));
        EnsureWriterLoop();
        return write.Task;
    }

    private void EnsureWriterLoop()
    {
        if (_writerLoop is not null) return;
        lock (_start)
            // Its own thread: the work is synchronous SQLite calls and fsyncs, which would starve the thread pool.
            _writerLoop ??= Task.Factory.StartNew(WriterLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void WriterLoop()
    {
        var group = new List<IWrite>(MaxGroup);
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            group.Clear();
            while (group.Count < MaxGroup && reader.TryRead(out var write)) group.Add(write);
            try
            {
                Commit(group);
            }
            catch (Exception e)
            {
                // Whatever went wrong, the loop must live on: a dead writer would leave every later write waiting forever.
                foreach (var write in group) write.Fail(e);
            }
        }
    }

    private void Commit(List<IWrite> group)
    {
        SqliteTransaction? tx = null;
        try
        {
            var writer = _writer ??= OpenWriter();
            tx = writer.BeginTransaction(IsolationLevel.Serializable);
            foreach (var write in group)
            {
                if (write.Cancelled) continue;
                tx.Save("write");
                try
                {
                    write.Run(writer, tx);
                    tx.Release("write");
                }
                // The disk's faults fail the whole group instead (below). SQLITE_READONLY among them: SQLite opens a
                // connection read-only, silently, when its file cannot be opened for writing (a disk remounted
                // read-only), and that connection stays read-only after the disk is fixed; only a new one writes.
                catch (Exception e) when (e is not SqliteException { SqliteErrorCode: raw.SQLITE_FULL or raw.SQLITE_IOERR or raw.SQLITE_CORRUPT or raw.SQLITE_READONLY })
                {
                    tx.Rollback("write");
                    tx.Release("write");
                    write.Fail(e);
                }
            }
            tx.Commit();
        }
        catch (Exception e)
        {
            // The transaction itself failed (disk full, I/O error): nothing in the group was kept.
            try { tx?.Dispose(); } catch (Exception) { /* already rolled back by SQLite, or the connection is gone */ }
            try
            {
                // Out of the pool too, or the next group would be handed the same native connection back.
                if (_writer is not null) SqliteConnection.ClearPool(_writer);
                _writer?.Dispose();
            }
            catch (Exception) { /* a fresh connection is opened for the next group either way */ }
            _writer = null;
            // SQLite shares one WAL index (the -shm file) between all the connections of a process to a database,
            // opened read-only if the first of them could not write it (the engine started on a read-only disk).
            // While any reader still holds it, a new writer gets it read-only too: the readers are closed as well.
            if (e is SqliteException { SqliteErrorCode: raw.SQLITE_READONLY })
                try { using var readers = new SqliteConnection(_readerConnectionString); SqliteConnection.ClearPool(readers); }
                catch (Exception) { /* readers are reopened as needed either way */ }
            foreach (var write in group) write.Fail(e);
            return;
        }
        tx.Dispose();
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, group.Count);
        // Versions move before anyone is answered: whoever got an answer sees fresh pages next.
        foreach (var write in group) if (write.Succeeded) _versions.Changed(write.TenantId);
        foreach (var write in group) write.Complete();
    }

    private SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            CountBusy(connection);
            // WAL lets readers run while the writer commits; FULL makes an acknowledged vote survive power loss.
            connection.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
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

    public override async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writerLoop is not null) await _writerLoop;
        _writer?.Dispose();
        _writer = null;
        SqliteConnection.ClearAllPools();
    }

    private interface IWrite
    {
        string? TenantId { get; }
        bool Cancelled { get; }
        bool Succeeded { get; }
        void Run(SqliteConnection connection, SqliteTransaction tx);
        void Fail(Exception e);
        void Complete();
    }

    private sealed class Write<T>(string? tenantId, Func<DbConnection, DbTransaction, T> work, CancellationToken ct) : IWrite
    {
        // Continuations must not run on the writer thread: that would stall every write behind one caller.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private bool _ran;

        public Task<T> Task => _done.Task;
        public string? TenantId => tenantId;
        public bool Succeeded => _ran;

        public bool Cancelled
        {
            get
            {
                if (!ct.IsCancellationRequested) return false;
                _done.TrySetCanceled(ct);
                return true;
            }
        }

        public void Run(SqliteConnection connection, SqliteTransaction tx)
        {
            _result = work(connection, tx);
            _ran = true;
        }

        public void Fail(Exception e)
        {
            _ran = false;
            _done.TrySetException(e);
        }

        public void Complete()
        {
            if (_ran) _done.TrySetResult(_result);
        }
    }
}
