using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Engine.Data;

/// <summary>What a failed statement means, whichever database raised it.</summary>
public static class DbErrors
{
    /// <summary>A unique or primary key was already taken (SQLite's SQLITE_CONSTRAINT, SQLSTATE 23505).</summary>
    public static bool IsUniqueViolation(Exception e) =>
        e is SqliteException { SqliteErrorCode: 19 } || e is DbException { SqlState: "23505" };
}
