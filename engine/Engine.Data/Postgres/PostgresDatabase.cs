using System.Data;
using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using Engine.Core.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Engine.Data.Postgres;

/// <summary>
/// The scale-out store: several engine nodes share one PostgreSQL. Readers take connections from
/// Npgsql's pool. Writes go through one writer connection per node fed by a queue, exactly as on
/// SQLite: the writer takes every write waiting, runs each in its own savepoint (a write that fails
/// leaves nothing behind and does not disturb the others), commits them together (one WAL flush for
/// the group, with synchronous_commit on, so an answered vote is on disk) and only then answers each
/// caller. One writer per node keeps the stores' read-then-write steps (a member's previous vote,
/// then the counters) free of races between requests on a node; nodes' writes interleave as
/// PostgreSQL's row locks allow.
/// Each commit also NOTIFYs the tenants it changed, so the other nodes drop their cached copies
/// (<see cref="WatchOtherNodesAsync"/>).
/// </summary>
public sealed class PostgresDatabase : Database
{
    private const int MaxGroup = 512;
    /// <summary>The LISTEN/NOTIFY channel every node of a deployment shares.</summary>
    public const string Channel = "engine_data_changed";
    private const string AnyTenant = "*";

    private readonly NpgsqlDataSource _source;
    private readonly string _listenerConnectionString;
    private readonly Channel<IWrite> _queue = System.Threading.Channels.Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private readonly DataVersions _versions;
    private readonly ILogger _logger;
    // Tells this node's notifications from the others', which it has already acted on.
    private readonly string _node = Guid.NewGuid().ToString("N");
    private Task? _writerLoop;
    private NpgsqlConnection? _writer;
    private long _commits, _writes;

    public PostgresDatabase(string connectionString, DataVersions? versions = null, ILogger<PostgresDatabase>? logger = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Describe = $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}";
        _source = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        // The listener holds its connection for good; outside the pool, which would reset it (UNLISTEN) on return.
        _listenerConnectionString = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString;
        _versions = versions ?? new DataVersions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public override SqlDialect Dialect => SqlDialect.Postgres;
    public override string Describe { get; }

    /// <summary>Transactions committed, and writes in them: their ratio is the average group size.</summary>
    public long Commits => Interlocked.Read(ref _commits);
    public long Writes => Interlocked.Read(ref _writes);

    public NpgsqlDataSource DataSource => _source;

    public override DbConnection OpenReader() => _source.OpenConnection();

    public override Task<T> WriteAsync<T>(string? tenantId, Func<DbConnection, DbTransaction, T> work, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var write = new Write<T>(tenantId, work, ct);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(PostgresDatabase));
        EnsureWriterLoop();
        return write.Task;
    }

    private void EnsureWriterLoop()
    {
        if (_writerLoop is not null) return;
        lock (_start)
            // Its own thread: the work is synchronous database calls, which would starve the thread pool.
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
        var failure = TryCommit(group, out var committing);
        // The server closed the writer's connection (a restart, a failover, an operator) before the group's
        // COMMIT was sent, so PostgreSQL rolled it all back: the group is tried once more on a fresh
        // connection instead of failing everyone. A connection lost during the COMMIT itself leaves its
        // outcome unknown, so that group is not tried again (it fails, and its callers are told).
        if (failure is NpgsqlException { IsTransient: true } && !committing)
        {
            // The server that closed this connection closed the idle ones in the pool too: drop them, or the
            // second try (and the next readers) would pick up another dead one.
            _source.Clear();
            failure = TryCommit(group, out _);
        }
        if (failure is not null)
        {
            foreach (var write in group) write.Fail(failure);
            return;
        }
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, group.Count);
        // Versions move before anyone is answered: whoever got an answer sees fresh pages next.
        foreach (var write in group) if (write.Succeeded) _versions.Changed(write.TenantId);
        foreach (var write in group) write.Complete();
    }

    /// <summary>Runs and commits the group; the failure that lost the whole transaction, if any.</summary>
    private Exception? TryCommit(List<IWrite> group, out bool committing)
    {
        committing = false;
        NpgsqlTransaction? tx = null;
        try
        {
            var writer = _writer ??= _source.OpenConnection();
            tx = writer.BeginTransaction(IsolationLevel.ReadCommitted);
            foreach (var write in group)
            {
                if (write.Cancelled || write.Failed) continue;
                tx.Save("write");
                try
                {
                    write.Run(writer, tx);
                    tx.Release("write");
                }
                catch (Exception e) when (!DbErrors.IsStorageUnavailable(e))
                {
                    tx.Rollback("write");
                    tx.Release("write");
                    write.Fail(e);
                }
            }
            var changed = group.Where(w => w.Succeeded).Select(w => w.TenantId ?? AnyTenant).Distinct().Select(t => $"{_node}\n{t}").ToArray();
            // Delivered to the listeners only if, and when, the transaction commits.
            if (changed.Length > 0)
                writer.Execute("SELECT pg_notify(@Channel, p) FROM unnest(@changed) AS p", new { Channel, changed }, tx);
            committing = true;
            tx.Commit();
            tx.Dispose();
            return null;
        }
        catch (Exception e)
        {
            // The transaction itself failed (the server went away, disk full): nothing in the group was kept.
            try { tx?.Dispose(); } catch (Exception) { /* already rolled back, or the connection is gone */ }
            try { _writer?.Dispose(); } catch (Exception) { /* a fresh connection is opened for the next group either way */ }
            _writer = null;
            return e;
        }
    }

    public override async Task WatchOtherNodesAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listenerConnectionString);
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stop);
                // Whatever other nodes committed while this node was not listening is unknown: drop every cached copy.
                Changed(null);
                while (true) await connection.WaitAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Lost the notifications of other engine nodes from {Database}; listening again in a second", Describe);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stop); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private void Heard(string payload)
    {
        var parts = payload.Split('\n', 2);
        if (parts.Length != 2 || parts[0] == _node) return;
        Changed(parts[1] == AnyTenant ? null : parts[1]);
    }

    private void Changed(string? tenantId)
    {
        _versions.Changed(tenantId);
        OnChangedOnAnotherNode(tenantId);
    }

    public override async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writerLoop is not null) await _writerLoop;
        if (_writer is not null) await _writer.DisposeAsync();
        _writer = null;
        await _source.DisposeAsync();
    }

    private interface IWrite
    {
        string? TenantId { get; }
        bool Cancelled { get; }
        bool Succeeded { get; }
        /// <summary>Already answered with its own failure (a refused statement): not run again if the group is retried.</summary>
        bool Failed { get; }
        void Run(NpgsqlConnection connection, NpgsqlTransaction tx);
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

        public void Run(NpgsqlConnection connection, NpgsqlTransaction tx)
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
