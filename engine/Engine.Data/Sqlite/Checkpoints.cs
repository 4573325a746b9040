using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Engine.Data.Sqlite;

/// <summary>
/// Copies SQLite's log into the database file (checkpoints), mostly off the writer thread, and lets the log start
/// again from its beginning only now and then.
/// <para>
/// Measured in a vote storm (64 connections): done by the writer, as SQLite does inside the COMMIT that fills the log,
/// a checkpoint of 4,000 pages took 22 ms on average, and every write queued meanwhile waited. Two costs: copying the
/// pages, and, for the checkpoint that copies everything, SQLite truncating the database file to its size, which on
/// ext4 makes the fsync after it a journal commit (13 ms, against under 1 ms for the same fsync without it).
/// </para>
/// <para>
/// So a thread of its own copies each <c>pages</c> pages as they are logged (a PASSIVE checkpoint runs beside the
/// writer, which goes on committing; racing a busy writer, it seldom copies everything, so seldom truncates). Only
/// when the log reaches <see cref="RestartPages"/> does the writer, between two groups, copy the little that is left:
/// only a checkpoint that leaves nothing behind lets the log start again from its beginning, and without one the log
/// would grow for as long as the storm lasts. The writer's stalls are sixteen times rarer, and spared most of the copying.
/// </para>
/// </summary>
internal sealed class Checkpoints(string connectionString, int pages) : IDisposable
{
    private const int Idle = 0, Copying = 1, Copied = 2;

    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _start = new();
    private Task? _loop;
    private int _state = Idle;
    // The log's size when the thread was last asked to copy it; only the writer thread uses it.
    private int _askedAt;
    private int _disposed;

    /// <summary>The log's size, in pages, at which the writer copies what is left so that the log starts again.</summary>
    public int RestartPages => CopiesPerRestart * pages;

    /// <summary>
    /// Each time the log starts again the writer stalls for 17 to 28 ms (mostly the journal commit after the truncate),
    /// and every vote queued meanwhile waits: in a storm logging 23,000 pages a second, every 16,000 pages put 3 to 4 %
    /// of the time in those stalls, enough for the p99. Every 64,000 (a log of 256 MB under steady writing; it starts
    /// again sooner whenever one of the thread's copies finishes in a pause between writes) took the vote storm's p99
    /// from 16–22 to 12–18 ms in five alternating rounds.
    /// </summary>
    private const int CopiesPerRestart = 16;

    /// <summary>Called by the writer between groups, with the log's size in pages after its last commit.</summary>
    public void BetweenGroups(DbConnection writer, int logged)
    {
        if (logged < _askedAt) _askedAt = 0; // the log started again from its beginning
        var state = Volatile.Read(ref _state);
        if (state == Copied)
        {
            Volatile.Write(ref _state, state = Idle);
            if (logged >= RestartPages)
            {
                Checkpoint(writer);
                return;
            }
        }
        if (state == Idle && logged - _askedAt >= pages)
        {
            _askedAt = logged;
            Volatile.Write(ref _state, Copying);
            EnsureLoop();
            _wake.Release();
        }
        // The thread has fallen far behind (a slow disk): the writer copies the log itself, as SQLite would.
        else if (state == Copying && logged >= 2 * RestartPages) Checkpoint(writer);
    }

    // PASSIVE, as SQLite's own: it copies what no reader still needs, and never waits for a reader or the writer.
    private static void Checkpoint(DbConnection connection) => connection.Execute("PRAGMA wal_checkpoint(PASSIVE)");

    private void EnsureLoop()
    {
        if (_loop is not null) return;
        lock (_start)
            _loop ??= Task.Factory.StartNew(CopyLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void CopyLoop()
    {
        while (true)
        {
            try { _wake.Wait(_stop.Token); }
            catch (OperationCanceledException) { return; }
            try
            {
                // Its own connection, closed after each copy, outside the pool the readers share.
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                Checkpoint(connection);
            }
            catch (Exception)
            {
                // Nobody waits on it: the writer copies what is left either way, and meets a lasting fault (a full or
                // failing disk) in its own next commit.
            }
            Volatile.Write(ref _state, Copied);
        }
    }

    // The database may be disposed more than once (the host disposes each of the services it is registered as).
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Cancel();
        _loop?.Wait();
        _stop.Dispose();
        _wake.Dispose();
    }
}
