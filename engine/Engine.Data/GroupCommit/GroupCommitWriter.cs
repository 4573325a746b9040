using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Engine.Core.Common;

namespace Engine.Data.GroupCommit;

/// <summary>
/// One writer connection per node, fed by a queue, committing writes in groups. The writer takes
/// every write waiting in the queue, runs them in one transaction (a write that throws leaves
/// nothing behind and does not disturb the others: see <see cref="Commit"/>), commits them together (one fsync, or one WAL
/// flush, for the group) and only then answers each caller, after moving the data versions of the
/// tenants they changed. Under load this turns thousands of flushes a second into a few hundred
/// without giving up durability. One writer also keeps the stores' read-then-write steps (a member's
/// previous vote, then the counters) free of races between requests on a node.
/// What differs between databases (the writer connection, which failures lose the whole transaction,
/// what goes with the commit, whether a lost group is tried again) comes from <see cref="IGroupCommitStore"/>.
/// </summary>
internal sealed class GroupCommitWriter(IGroupCommitStore store, DataVersions versions, string owner)
{
    /// <summary>Enough to amortise the flush; small enough that one group never holds readers' memory long.</summary>
    private const int MaxGroup = 512;

    private readonly Channel<IWrite> _queue = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _writerLoop;
    private DbConnection? _writer;
    private long _commits, _writes, _batched, _oneTrip;

    /// <summary>Transactions committed, and writes in them: their ratio is the average group size.</summary>
    public long Commits => Interlocked.Read(ref _commits);
    public long Writes => Interlocked.Read(ref _writes);
    /// <summary>Statements that went to the database in a batch with others (and were answered from it).</summary>
    public long Batched => Interlocked.Read(ref _batched);
    /// <summary>Groups committed in the round trip that ran them, COMMIT included (<see cref="IGroupCommitStore.CommitsBatches"/>).</summary>
    public long CommittedInOneTrip => Interlocked.Read(ref _oneTrip);

    /// <summary>Queues <paramref name="work"/>; the task completes once its group has committed (or it failed).</summary>
    public Task<T> WriteAsync<T>(string? tenantId, WriteScope scope, Func<DbConnection, DbTransaction, T> work, CancellationToken ct) =>
        Queue(new Write<T>(tenantId, scope, work, null, ct), ct);

    /// <summary>Queues one statement; where the database can, the statements waiting together go to it in one round trip.</summary>
    public Task<T> WriteAsync<T>(string? tenantId, WriteScope scope, Statement<T> statement, CancellationToken ct) =>
        Queue(new Write<T>(tenantId, scope, null, statement, ct), ct);

    private Task<T> Queue<T>(Write<T> write, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(owner);
        EnsureWriterLoop();
        return write.Task;
    }

    private void EnsureWriterLoop()
    {
        if (_writerLoop is not null) return;
        lock (_start)
            // Its own thread: the work is synchronous database calls and fsyncs, which would starve the thread pool.
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
        var started = Stopwatch.GetTimestamp();
        InLockOrder(group);
        // Most groups hold no write that fails on its own, so they first run without a savepoint around each write
        // (two statements per write, and two round trips on PostgreSQL). If one does fail, the whole transaction is
        // rolled back, that write is answered with its failure, and the rest run again, each in its own savepoint.
        // Writes are plain database work, so running one again after a rollback is safe (as after a lost connection).
        var failure = TryCommit(group, savepoints: false, out var committing, out var refused);
        if (refused) failure = TryCommit(group, savepoints: true, out committing, out _);
        // Lost before the COMMIT was sent, the whole group was rolled back: the store may say it is worth
        // one more try on a fresh connection. A failure during the COMMIT itself leaves its outcome
        // unknown, so that group is never tried again (it fails, and its callers are told).
        if (failure is not null && !committing && store.TryAgainAfter(failure))
        {
            WriterMetrics.Retried();
            failure = TryCommit(group, savepoints: true, out _, out _);
        }
        if (failure is not null)
        {
            foreach (var write in group) write.Fail(failure);
            return;
        }
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, group.Count);
        var committed = group.Where(w => w.Succeeded).Select(w => (w.TenantId, w.Scope)).ToList();
        WriterMetrics.Committed(group.Count, committed.Count(w => w.Scope == WriteScope.Votes), Stopwatch.GetElapsedTime(started));
        // Versions move before anyone is answered: whoever got an answer sees fresh pages next.
        foreach (var (tenantId, scope) in committed) versions.Changed(tenantId, scope);
        foreach (var write in group) write.Complete();
        AfterAnswering(committed);
    }

    /// <summary>
    /// Puts the group's ordered statements (<see cref="Statement.Order"/>) after the other writes, sorted: on PostgreSQL,
    /// where another node's group may touch the same rows at the same time, both then lock them in one order.
    /// </summary>
    private static void InLockOrder(List<IWrite> group)
    {
        var ordered = group.Where(w => w.Statement?.Order is not null).OrderBy(w => w.Statement!.Order).ToList();
        if (ordered.Count < 2) return;
        group.RemoveAll(w => w.Statement?.Order is not null);
        group.AddRange(ordered);
    }

    /// <summary>
    /// The locks the group's statements need (<see cref="Statement{T}.Locks"/>), sorted, each once, with the first write
    /// that needs it: taken all together before any row is written, so no node holds a row while it waits for one of them.
    /// </summary>
    private static List<(Statement Lock, IWrite Write)> Locks(List<IWrite> group) =>
        group.Where(w => !w.Cancelled && !w.Failed).SelectMany(w => w.Locks.Select(l => (Lock: l, Write: w)))
            .DistinctBy(l => l.Lock.Order).OrderBy(l => l.Lock.Order).ToList();

    private void AfterAnswering(List<(string? TenantId, WriteScope Scope)> committed)
    {
        if (_writer is null) return;
        try
        {
            store.AfterAnswering(_writer, committed);
        }
        catch (Exception e)
        {
            // Nobody waits on it; the next group opens a fresh connection, and meets the fault itself if it lasts.
            Lose(e);
        }
    }

    /// <summary>Closes the writer connection after <paramref name="failure"/>: the next group opens a fresh one.</summary>
    private void Lose(Exception failure)
    {
        try
        {
            if (_writer is not null) store.WriterLost(_writer, failure);
            _writer?.Dispose();
        }
        catch (Exception) { /* a fresh connection is opened for the next group either way */ }
        _writer = null;
    }

    /// <summary>
    /// Runs and commits the group; the failure that lost the whole transaction, if any. Without savepoints, the first
    /// write that fails on its own rolls everything back and sets <paramref name="refused"/>, and nothing is committed.
    /// </summary>
    private Exception? TryCommit(List<IWrite> group, bool savepoints, out bool committing, out bool refused)
    {
        committing = false;
        refused = false;
        DbTransaction? tx = null;
        Statement? beforeCommit = null;
        var oneTrip = false;
        try
        {
            var writer = _writer ??= store.OpenWriter();
            if (!savepoints && store.CommitsBatches && writer.CanCreateBatch && OnlyStatements(group))
            {
                oneTrip = true;
                refused = !CommitInOneTrip(writer, group);
                return null;
            }
            tx = writer.BeginTransaction(store.WriterIsolation);
            // What ran in an earlier try was rolled back with it.
            foreach (var write in group) write.Forget();
            var locks = Locks(group);
            for (var next = 0; next < group.Count; next++)
            {
                var write = group[next];
                // A write already answered with its own failure is not run again when the group is tried again.
                if (write.Cancelled || write.Failed) continue;
                if (!savepoints && writer.CanCreateBatch && Together(group, next) is { Count: > 0 } together
                    && (together.Count > 1 || next + 1 == group.Count))
                {
                    // Ending the group, the batch also carries the statement before COMMIT: one round trip for all.
                    if (next + together.Count == group.Count)
                        beforeCommit = store.BeforeCommit(group.Where(w => w.Succeeded || together.Contains(w)).Select(w => (w.TenantId, w.Scope)).ToList());
                    var taking = locks;
                    locks = [];
                    if (!RunTogether(writer, tx, taking, together, beforeCommit))
                    {
                        refused = true;
                        tx.Rollback();
                        tx.Dispose();
                        return null;
                    }
                    next += together.Count - 1;
                    continue;
                }
                // Outside any savepoint: rolling one back would let go of the locks taken in it.
                TakeLocks(writer, tx, locks);
                locks = [];
                if (savepoints) tx.Save("write");
                try
                {
                    write.Run(writer, tx);
                    if (savepoints) tx.Release("write");
                }
                catch (Exception e) when (!store.LosesTransaction(e))
                {
                    write.Fail(e);
                    if (!savepoints)
                    {
                        refused = true;
                        tx.Rollback();
                        tx.Dispose();
                        return null;
                    }
                    tx.Rollback("write");
                    tx.Release("write");
                }
            }
            if (beforeCommit is null && store.BeforeCommit(group.Where(w => w.Succeeded).Select(w => (w.TenantId, w.Scope)).ToList()) is { } statement)
                KeptCommands.Command(writer, tx, statement).ExecuteNonQuery();
            committing = true;
            tx.Commit();
            tx.Dispose();
            return null;
        }
        catch (Exception e)
        {
            // The transaction itself failed (the server went away, disk full, I/O error): nothing in the group was kept,
            // unless it was lost during a batch that commits as it ends without the server saying it rolled back.
            if (oneTrip) committing = !store.ServerRolledBack(e);
            try { tx?.Dispose(); } catch (Exception) { /* already rolled back, or the connection is gone */ }
            Lose(e);
            return e;
        }
    }

    private static bool OnlyStatements(List<IWrite> group) => group.All(w => w.Statement is not null || w.Cancelled || w.Failed);

    /// <summary>
    /// Runs a group made only of statements as one batch outside any transaction of the writer's: the server runs it as one
    /// transaction and commits it as the batch ends, so its locks are held for the server's work alone. On a node sharing
    /// a database with others, a second round trip for the COMMIT held them while this node's thread was elsewhere, and the
    /// other nodes' groups queued behind (bench figure 8). A refused statement rolls the whole batch back, as in a
    /// transaction: false, and the caller runs the group again, write by write. A failure that loses the batch throws.
    /// </summary>
    private bool CommitInOneTrip(DbConnection writer, List<IWrite> group)
    {
        // What ran in an earlier try was rolled back with it.
        foreach (var write in group) write.Forget();
        var writes = group.Where(w => !w.Cancelled && !w.Failed).ToList();
        if (writes.Count == 0) return true;
        var beforeCommit = store.BeforeCommit(writes.Select(w => (w.TenantId, w.Scope)).ToList());
        if (!RunTogether(writer, tx: null, Locks(group), writes, beforeCommit)) return false;
        Interlocked.Increment(ref _oneTrip);
        return true;
    }

    /// <summary>The statements from <paramref name="start"/> on that can go to the database together (none cancelled or failed).</summary>
    private static List<IWrite> Together(List<IWrite> group, int start)
    {
        var together = new List<IWrite>();
        for (var i = start; i < group.Count && group[i].Statement is not null && !group[i].Cancelled && !group[i].Failed; i++)
            together.Add(group[i]);
        return together;
    }

    /// <summary>
    /// Sends the statements in one batch, one round trip, and reads each one's answer. False when one of them failed
    /// on its own (it is answered with its failure when the database says which one): the transaction is lost, and the
    /// caller runs the group again, each write in its own savepoint. A failure that loses the transaction throws.
    /// </summary>
    private bool RunTogether(DbConnection writer, DbTransaction? tx, List<(Statement Lock, IWrite Write)> locks, List<IWrite> writes, Statement? beforeCommit)
    {
        using var batch = writer.CreateBatch();
        batch.Transaction = tx;
        // Which write each statement in the batch belongs to (none: the statement before COMMIT).
        var owners = new List<IWrite?>();
        // The locks go first, in their order; a write whose lock an earlier batch of the group took holds it still.
        foreach (var (lockFirst, write) in locks) Add(lockFirst, write);
        foreach (var write in writes)
        {
            if (write.Before is { } before) Add(before, write);
            Add(write.Statement!, write);
        }
        if (beforeCommit is not null) Add(beforeCommit, null);
        var current = 0;
        try
        {
            using var reader = batch.ExecuteReader();
            foreach (var _ in locks) reader.NextResult();
            for (; current < writes.Count; current++)
            {
                if (writes[current].Before is not null) reader.NextResult();
                writes[current].Read(reader);
                reader.NextResult();
            }
            Interlocked.Add(ref _batched, writes.Count);
            return true;
        }
        catch (Exception e) when (!store.LosesTransaction(e))
        {
            // The database names the statement it refused; a failure reading an answer is that write's own.
            var failed = e is DbException { BatchCommand: { } refused } ? owners.ElementAtOrDefault(batch.BatchCommands.IndexOf(refused))
                : e is DbException ? null : writes[current];
            failed?.Fail(e);
            return false;
        }

        void Add(Statement statement, IWrite? owner)
        {
            AddTo(batch, statement);
            owners.Add(owner);
        }
    }

    /// <summary>
    /// The group's locks, in their order, in one round trip where the database takes batches. One round trip per lock
    /// (a group of 16 votes takes 32) held the first locks across the other 31 trips, and on two nodes the other node's
    /// groups queued behind them: the two-node storm of bench figure 8 spent most of its time there.
    /// </summary>
    private static void TakeLocks(DbConnection writer, DbTransaction tx, List<(Statement Lock, IWrite Write)> locks)
    {
        if (locks.Count == 0) return;
        if (!writer.CanCreateBatch)
        {
            foreach (var (lockFirst, _) in locks) KeptCommands.Command(writer, tx, lockFirst).ExecuteNonQuery();
            return;
        }
        using var batch = writer.CreateBatch();
        batch.Transaction = tx;
        foreach (var (lockFirst, _) in locks) AddTo(batch, lockFirst);
        batch.ExecuteNonQuery();
    }

    private static void AddTo(DbBatch batch, Statement statement)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = statement.Sql;
        statement.Bind(command.Parameters, command.CreateParameter);
        batch.BatchCommands.Add(command);
    }

    /// <summary>Stops taking writes, lets the queued ones commit, and closes the writer connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writerLoop is not null) await _writerLoop;
        if (_writer is not null) await _writer.DisposeAsync();
        _writer = null;
    }

    private interface IWrite
    {
        string? TenantId { get; }
        WriteScope Scope { get; }
        bool Cancelled { get; }
        bool Succeeded { get; }
        /// <summary>Already answered with its own failure (a refused statement).</summary>
        bool Failed { get; }
        /// <summary>The write as one statement, if it is one (see <see cref="RunTogether"/>).</summary>
        Statement? Statement { get; }
        /// <summary>The statement run just before <see cref="Statement"/>, if any (<see cref="Statement{T}.Before"/>).</summary>
        Statement? Before { get; }
        /// <summary>The locks <see cref="Statement"/> needs (<see cref="Statement{T}.Locks"/>).</summary>
        IReadOnlyList<Statement> Locks { get; }
        void Run(DbConnection connection, DbTransaction tx);
        /// <summary>Reads the answer of <see cref="Statement"/>, sent with others, from the batch's reader.</summary>
        void Read(DbDataReader reader);
        void Fail(Exception e);
        /// <summary>Its work was rolled back: it has not run in this transaction (yet).</summary>
        void Forget();
        void Complete();
    }

    /// <summary>Exactly one of <paramref name="work"/> and <paramref name="statement"/>.</summary>
    private sealed class Write<T>(string? tenantId, WriteScope scope, Func<DbConnection, DbTransaction, T>? work, Statement<T>? statement,
        CancellationToken ct) : IWrite
    {
        // Continuations must not run on the writer thread: that would stall every write behind one caller.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private bool _ran;

        public Task<T> Task => _done.Task;
        public string? TenantId => tenantId;
        public WriteScope Scope => scope;
        public bool Succeeded => _ran;
        public bool Failed => _done.Task.IsFaulted;

        public bool Cancelled
        {
            get
            {
                if (!ct.IsCancellationRequested) return false;
                _done.TrySetCanceled(ct);
                return true;
            }
        }

        public Statement? Statement => statement;
        public Statement? Before => statement?.Before;
        public IReadOnlyList<Statement> Locks => statement?.Locks ?? [];

        public void Run(DbConnection connection, DbTransaction tx)
        {
            if (statement is null) _result = work!(connection, tx);
            else
            {
                foreach (var lockFirst in statement.Locks) KeptCommands.Command(connection, tx, lockFirst).ExecuteNonQuery();
                if (statement.Before is { } before) KeptCommands.Command(connection, tx, before).ExecuteNonQuery();
                using var reader = KeptCommands.Command(connection, tx, statement).ExecuteReader();
                _result = statement.Read(reader);
            }
            _ran = true;
        }

        public void Read(DbDataReader reader)
        {
            _result = statement!.Read(reader);
            _ran = true;
        }

        public void Fail(Exception e)
        {
            _ran = false;
            _done.TrySetException(e);
        }

        public void Forget() => _ran = false;

        public void Complete()
        {
            if (_ran) _done.TrySetResult(_result);
        }
    }
}
