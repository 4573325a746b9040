using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Engine.Data;

/// <summary>What a failed statement means, whichever database raised it.</summary>
public static class DbErrors
{
    // SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN: the disk, not the request, is at fault.
    private static readonly HashSet<int> SqliteStorageErrors = [8, 10, 13, 14];

    // SQLSTATE classes that blame the server rather than the statement: 08 connection, 53 insufficient
    // resources (disk full, out of memory, too many connections), 57 operator intervention (shutting
    // down, cannot connect now), 58 system error (I/O); and 25006, a read-only server (a standby).
    private static readonly string[] PostgresStorageClasses = ["08", "53", "57", "58"];

    /// <summary>A unique or primary key was already taken (SQLite's SQLITE_CONSTRAINT, SQLSTATE 23505).</summary>
    public static bool IsUniqueViolation(Exception e) =>
        e is SqliteException { SqliteErrorCode: 19 } || e is DbException { SqlState: "23505" };

    /// <summary>
    /// The store cannot be written to right now (disk full or read-only, I/O error, the PostgreSQL
    /// server unreachable or shutting down): the request was fine, and the same request will succeed
    /// once the operators fix the cause.
    /// </summary>
    public static bool IsStorageUnavailable(Exception e) => e switch
    {
        SqliteException s => SqliteStorageErrors.Contains(s.SqliteErrorCode),
        PostgresException p => p.SqlState == "25006" || PostgresStorageClasses.Any(c => p.SqlState.StartsWith(c, StringComparison.Ordinal)),
        // Not a statement error: the connection could not be made or was lost, or the pool was exhausted.
        NpgsqlException => true,
        _ => false,
    };

    /// <summary>The database's own code for the failure, for operators' logs.</summary>
    public static string Code(Exception e) => e switch
    {
        SqliteException s => $"SQLite {s.SqliteErrorCode}",
        PostgresException p => $"SQLSTATE {p.SqlState}",
        NpgsqlException => "PostgreSQL unreachable",
        _ => e.GetType().Name,
    };
}
