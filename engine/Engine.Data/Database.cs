using System.Data.Common;

namespace Engine.Data;

/// <summary>
/// What the stores need of a database, whichever it is: pooled connections to read from, and
/// writes that are committed before the caller is answered. Stores write SQL that both SQLite and
/// PostgreSQL understand (ON CONFLICT, RETURNING, 64-bit integers, unix-millisecond times);
/// where a dialect differs they ask <see cref="Dialect"/>.
/// </summary>
public abstract class Database : IAsyncDisposable
{
    public abstract SqlDialect Dialect { get; }

    /// <summary>Where the data lives, for logs and error messages (never a password).</summary>
    public abstract string Describe { get; }

    /// <summary>An open connection for reading; dispose it when done.</summary>
    public abstract DbConnection OpenReader();

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed before the returned task completes;
    /// nothing is kept if it throws. Only <paramref name="tenantId"/>'s cached pages are dropped
    /// (every tenant's when it is null).
    /// </summary>
    public abstract Task<T> WriteAsync<T>(string? tenantId, Func<DbConnection, DbTransaction, T> work, CancellationToken ct = default);

    /// <summary>A write whose tenant is not known: every tenant's cached pages are dropped after the commit.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> work, CancellationToken ct = default) =>
        WriteAsync(null, work, ct);

    public abstract ValueTask DisposeAsync();
}

public enum SqlDialect { Sqlite, Postgres }
