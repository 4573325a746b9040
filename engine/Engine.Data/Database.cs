using System.Data.Common;
using Engine.Core.Common;

namespace Engine.Data;

/// <summary>
/// What the stores need of a database, whichever it is: pooled connections to read from, and
/// writes that are committed before the caller is answered. Stores write SQL that both SQLite and
/// PostgreSQL understand (ON CONFLICT, RETURNING, 64-bit integers, unix-millisecond times);
/// where a dialect differs they ask <see cref="Dialect"/>.
/// </summary>
public abstract class Database : IAsyncDisposable
{
    /// <summary>Sets Dapper's mapping (see <see cref="DapperMapping"/>) before the stores run their first query.</summary>
    protected Database() => DapperMapping.Use();

    public abstract SqlDialect Dialect { get; }

    /// <summary>Where the data lives, for logs and error messages (never a password).</summary>
    public abstract string Describe { get; }

    /// <summary>
    /// Transactions this node committed, and the writes in them (their ratio is the average group size); a commit
    /// after a refused write means the store saves again.
    /// </summary>
    public abstract long Commits { get; }
    public abstract long Writes { get; }

    /// <summary>An open connection for reading; dispose it when done.</summary>
    public abstract DbConnection OpenReader();

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed before the returned task completes;
    /// nothing is kept if it throws. Only <paramref name="tenantId"/>'s cached pages are dropped
    /// (every tenant's when it is null).
    /// </summary>
    public Task<T> WriteAsync<T>(string? tenantId, Func<DbConnection, DbTransaction, T> work, CancellationToken ct = default) =>
        WriteAsync(tenantId, WriteScope.Everything, work, ct);

    /// <summary>
    /// A write that changes no more than <paramref name="scope"/> says (casting a vote changes only votes and
    /// counts), so copies of everything else that the tenant's caches keep stay good after it commits.
    /// </summary>
    public abstract Task<T> WriteAsync<T>(string? tenantId, WriteScope scope, Func<DbConnection, DbTransaction, T> work, CancellationToken ct = default);

    /// <summary>
    /// A write that is one statement, committed like any other. The writer sends the statements waiting together to a
    /// database that takes batches (PostgreSQL) in one round trip.
    /// </summary>
    public abstract Task<T> WriteAsync<T>(string? tenantId, WriteScope scope, GroupCommit.Statement<T> statement, CancellationToken ct = default);

    /// <summary>A write whose tenant is not known: every tenant's cached pages are dropped after the commit.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> work, CancellationToken ct = default) =>
        WriteAsync(null, work, ct);

    /// <summary>
    /// <paramref name="column"/> is one of the list parameter <paramref name="list"/>'s values (pass an array or a List).
    /// Dapper expands a list into (@p1, @p2, …) for SQLite, but hands PostgreSQL one array, which needs = ANY.
    /// </summary>
    public string IsIn(string column, string list) =>
        Dialect == SqlDialect.Postgres ? $"{column} = ANY(@{list})" : $"{column} IN @{list}";

    /// <summary>" FOR UPDATE" on PostgreSQL, to end a SELECT that locks its rows until the commit; SQLite (one writer at a time) needs none.</summary>
    public string ForUpdate => Dialect == SqlDialect.Postgres ? " FOR UPDATE" : "";

    /// <summary>
    /// Learns of the commits of other engine nodes sharing the database (PostgreSQL), or of commands run beside this
    /// engine on the same file (SQLite: tenant import and delete), until <paramref name="stop"/>, and moves the changed
    /// tenants' data versions, so every cache on this node drops what they changed; <see cref="ChangedOnAnotherNode"/>
    /// is raised for caches of their own.
    /// </summary>
    public virtual Task WatchOtherNodesAsync(CancellationToken stop) => Task.CompletedTask;

    /// <summary>
    /// Called by a command run beside serving engines (tenant import, delete): its commits from now on are told to them.
    /// PostgreSQL tells the other nodes of every commit already.
    /// </summary>
    public virtual void TellServingEngines() { }

    /// <summary>
    /// Another node committed a write for this tenant (null: any tenant, or this node may have missed some). Not raised
    /// for writes of votes alone, which change no settings: those only move the tenant's data version.
    /// </summary>
    public event Action<string?>? ChangedOnAnotherNode;

    protected void OnChangedOnAnotherNode(string? tenantId) => ChangedOnAnotherNode?.Invoke(tenantId);

    public abstract ValueTask DisposeAsync();
}

public enum SqlDialect { Sqlite, Postgres }
