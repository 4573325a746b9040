using System.Data;
using System.Data.Common;
using Dapper;
using Engine.Core.Common;
using Engine.Data.GroupCommit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Engine.Data.Postgres;

/// <summary>
/// The scale-out store: several engine nodes share one PostgreSQL. Readers take connections from
/// Npgsql's pool. Writes go through one writer connection per node fed by a queue, exactly as on
/// SQLite (<see cref="GroupCommitWriter"/>): the writer takes every write waiting, runs each in its own
/// savepoint (a write that fails leaves nothing behind and does not disturb the others), commits them
/// together (one WAL flush for the group, with synchronous_commit on, so an answered vote is on disk)
/// and only then answers each caller. One writer per node keeps the stores' read-then-write steps
/// (a member's previous vote, then the counters) free of races between requests on a node; nodes'
/// writes interleave as PostgreSQL's row locks allow.
/// Each commit also NOTIFYs the tenants it changed, so the other nodes drop their cached copies
/// (<see cref="WatchOtherNodesAsync"/>); votes are announced once per short window instead (<see cref="VoteNotices"/>).
/// </summary>
public sealed class PostgresDatabase : Database, IGroupCommitStore
{
    /// <summary>The LISTEN/NOTIFY channel every node of a deployment shares.</summary>
    public const string Channel = "engine_data_changed";
    private const string AnyTenant = "*";
    private const string VotesOnly = ":votes";
    private static readonly string[] Notify = ["channel", "payloads"];

    private readonly NpgsqlDataSource _source, _writerSource;
    private readonly string _listenerConnectionString;
    private readonly GroupCommitWriter _writes;
    private readonly VoteNotices _voteNotices;
    private readonly DataVersions _versions;
    private readonly ILogger _logger;
    // Tells this node's notifications from the others', which it has already acted on.
    private readonly string _node = Guid.NewGuid().ToString("N");
    private long _notices;

    /// <summary>How long after a vote's commit, at most, the other nodes are told of it (see <see cref="VoteNotices"/>).</summary>
    public static readonly TimeSpan VoteNoticeWindow = TimeSpan.FromMilliseconds(10);

    public PostgresDatabase(string connectionString, DataVersions? versions = null, ILogger<PostgresDatabase>? logger = null,
        TimeSpan? voteNoticeWindow = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Describe = $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}";
        _source = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        // The writer runs the same few statements all day, many in one batch (a group of votes): the server parses and
        // plans each once per connection. Only the writer's: a prepared statement whose columns another node's schema
        // change alters fails once (0A000), which the writer survives by reopening, while readers would fail requests.
        _writerSource = new NpgsqlDataSourceBuilder(
            new NpgsqlConnectionStringBuilder(builder.ConnectionString) { MaxAutoPrepare = 32, AutoPrepareMinUsages = 2, MaxPoolSize = 2 }.ConnectionString).Build();
        // The listener holds its connection for good; outside the pool, which would reset it (UNLISTEN) on return.
        _listenerConnectionString = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString;
        _versions = versions ?? new DataVersions();
        _writes = new GroupCommitWriter(this, _versions, nameof(PostgresDatabase));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _voteNotices = new VoteNotices(voteNoticeWindow ?? VoteNoticeWindow, SendVoteNoticesAsync, _logger);
    }

    public override SqlDialect Dialect => SqlDialect.Postgres;
    public override string Describe { get; }

    public override long Commits => _writes.Commits;
    public override long Writes => _writes.Writes;
    /// <summary>Writes sent to the server in one batch with others (see <see cref="Statement{T}"/>).</summary>
    public long Batched => _writes.Batched;

    /// <summary>Groups committed in the round trip that ran them (see <see cref="IGroupCommitStore.CommitsBatches"/>).</summary>
    public long CommittedInOneTrip => _writes.CommittedInOneTrip;

    /// <summary>NOTIFY statements sent to the other nodes: one with each commit that changed more than votes, one per window for votes.</summary>
    public long Notices => Interlocked.Read(ref _notices);

    public NpgsqlDataSource DataSource => _source;

    public override DbConnection OpenReader() => _source.OpenConnection();

    public override Task<T> WriteAsync<T>(string? tenantId, WriteScope scope, Func<DbConnection, DbTransaction, T> work, CancellationToken ct = default) =>
        _writes.WriteAsync(tenantId, scope, work, ct);

    public override Task<T> WriteAsync<T>(string? tenantId, WriteScope scope, Statement<T> statement, CancellationToken ct = default) =>
        _writes.WriteAsync(tenantId, scope, statement, ct);

    DbConnection IGroupCommitStore.OpenWriter() => _writerSource.OpenConnection();

    IsolationLevel IGroupCommitStore.WriterIsolation => IsolationLevel.ReadCommitted;

    // Npgsql sends one Sync after a batch run outside a transaction: the server runs it as one implicit transaction, in
    // the default read committed (each statement sees what was committed when it starts, as in the writer's transactions).
    bool IGroupCommitStore.CommitsBatches => true;

    // The server commits an implicit transaction only after its last statement, holding interrupts while it commits: an
    // error it sent (even FATAL, a shutdown) came before any COMMIT. A connection lost without one may have committed.
    bool IGroupCommitStore.ServerRolledBack(Exception failure) => failure is PostgresException;

    // A statement the server refused rolls back to its savepoint; losing the server loses the transaction, and so does
    // a prepared statement gone stale, which would fail the same way on this connection for ever.
    // A deadlock loses it too, and is no fault of the write the server chose to abort: the group runs again (TryAgainAfter).
    bool IGroupCommitStore.LosesTransaction(Exception failure) => DbErrors.IsStorageUnavailable(failure) || IsStalePlan(failure) || IsDeadlock(failure);

    /// <summary>40P01 deadlock detected, or 40001 a serialization failure: the server rolled the group back to let another go on.</summary>
    private static bool IsDeadlock(Exception failure) => failure is PostgresException { SqlState: "40P01" or "40001" };

    /// <summary>
    /// "cached plan must not change result type": a schema change (another node's migration, in a rolling upgrade)
    /// altered the columns of a statement the writer had prepared.
    /// </summary>
    private static bool IsStalePlan(Exception failure) => failure is PostgresException { SqlState: "0A000" } p && p.MessageText.Contains("cached plan", StringComparison.Ordinal);

    Statement? IGroupCommitStore.BeforeCommit(IReadOnlyList<(string? TenantId, WriteScope Scope)> changed)
    {
        // One message per tenant whose change was more than votes (or records no cache keeps): "node\ntenant". Votes are announced after the
        // commit (AfterAnswering), a window's worth at a time.
        var payloads = changed.GroupBy(c => c.TenantId ?? AnyTenant)
            .Where(g => g.Key == AnyTenant || g.Any(c => c.Scope == WriteScope.Everything))
            .Select(g => $"{_node}\n{g.Key}")
            .ToArray();
        if (payloads.Length == 0) return null;
        // Counted when sent; delivered to the listeners only if, and when, the transaction commits.
        Interlocked.Increment(ref _notices);
        return new Statement(NotifySql, Notify, [Channel, payloads]);
    }

    void IGroupCommitStore.AfterAnswering(DbConnection writer, IReadOnlyList<(string? TenantId, WriteScope Scope)> committed)
    {
        // The server checkpoints by itself; what is left is telling other nodes of the votes just committed.
        List<string>? votes = null;
        foreach (var (tenantId, scope) in committed)
            if (tenantId is not null && scope == WriteScope.Votes) (votes ??= []).Add(tenantId);
        if (votes is not null) _voteNotices.Committed(votes);
    }

    private const string NotifySql = "SELECT pg_notify(@channel, p) FROM unnest(@payloads) AS p";

    /// <summary>
    /// "node:votes\ntenant": the other nodes keep what votes cannot change (a node of an older release reads the whole
    /// node part as another node's name, and drops everything of that tenant: safe). Outside any transaction, on a
    /// reader connection: the writer is busy with the next group, and these votes have committed already.
    /// </summary>
    private async Task SendVoteNoticesAsync(string[] tenantIds, CancellationToken ct)
    {
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(NotifySql, connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payloads", tenantIds.Select(t => $"{_node}{VotesOnly}\n{t}").ToArray());
        await command.ExecuteNonQueryAsync(ct);
        Interlocked.Increment(ref _notices);
    }

    bool IGroupCommitStore.TryAgainAfter(Exception failure)
    {
        // The writer's prepared statements live on its server connection: closing that (WriterLost) drops them, and
        // the group runs again on a fresh one, which prepares them against the new schema.
        if (IsStalePlan(failure)) return true;
        if (IsDeadlock(failure) && failure is PostgresException deadlock)
        {
            // Votes take their locks in one order, so this should not happen: say so loudly, with what an operator needs to look.
            WriterMetrics.Deadlocked();
            _logger.LogWarning("The writer's group was rolled back by {Database}: {SqlState} {Reason} ({Detail}); running the group again",
                Describe, deadlock.SqlState, deadlock.MessageText, deadlock.Detail);
            return true;
        }
        // The server closed the writer's connection (a restart, a failover, an operator) before the group's
        // COMMIT was sent, so PostgreSQL rolled it all back: the group is tried once more on a fresh
        // connection instead of failing everyone.
        if (failure is not NpgsqlException { IsTransient: true }) return false;
        // The server that closed this connection closed the idle ones in the pool too: drop them, or the
        // second try (and the next readers) would pick up another dead one.
        _source.Clear();
        _writerSource.Clear();
        return true;
    }

    // Npgsql gives a broken connection back to the pool as broken, never to reuse; TryAgainAfter clears the idle ones.
    // A stale prepared statement is on a sound connection, which the pool would hand back with the statement: closed.
    void IGroupCommitStore.WriterLost(DbConnection writer, Exception failure)
    {
        if (IsStalePlan(failure)) _writerSource.Clear();
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
        if (parts.Length != 2) return;
        var votesOnly = parts[0].EndsWith(VotesOnly, StringComparison.Ordinal);
        if ((votesOnly ? parts[0][..^VotesOnly.Length] : parts[0]) == _node) return;
        var tenantId = parts[1] == AnyTenant ? null : parts[1];
        if (votesOnly && tenantId is not null) _versions.Changed(tenantId, WriteScope.Votes);
        else Changed(tenantId);
    }

    private void Changed(string? tenantId)
    {
        _versions.Changed(tenantId);
        OnChangedOnAnotherNode(tenantId);
    }

    public override async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _voteNotices.DisposeAsync();
        await _writerSource.DisposeAsync();
        await _source.DisposeAsync();
    }
}
