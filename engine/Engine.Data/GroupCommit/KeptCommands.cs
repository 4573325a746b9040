using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Engine.Data.GroupCommit;

/// <summary>
/// Commands made and prepared once per connection, then run again and again with new values: for the few
/// statements every vote runs on the writer connection, which lives as long as it works. Dapper makes a new
/// command for each call, which SQLite compiles again and PostgreSQL parses and plans again; for statements
/// this short that costs more than running them. A lost writer is closed, and its commands go with it.
/// Only the writer thread uses a writer connection, so nothing here needs a lock.
/// </summary>
internal static class KeptCommands
{
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, Kept>> ByConnection = new();

    /// <summary>The command for <paramref name="statement"/>, with its values.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction tx, Statement statement) =>
        Command(connection, tx, statement.Sql, statement.Names, statement.Values);

    /// <summary>
    /// The command for <paramref name="sql"/> on <paramref name="connection"/>, in <paramref name="tx"/>, with
    /// <paramref name="values"/> given to the parameters named in <paramref name="names"/>, in order.
    /// </summary>
    public static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, string[] names, params ReadOnlySpan<object?> values)
    {
        var commands = ByConnection.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var kept))
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            new Statement(sql, names, values.ToArray()).Bind(command.Parameters, command.CreateParameter);
            commands[sql] = kept = new Kept(command);
        }
        kept.Command.Transaction = tx;
        for (var i = 0; i < values.Length; i++) kept.Command.Parameters[i].Value = values[i] ?? DBNull.Value;
        if (!kept.Prepared)
        {
            // Prepared once the first values are in: PostgreSQL takes the parameters' types from them.
            kept.Command.Prepare();
            kept.Prepared = true;
        }
        return kept.Command;
    }

    private sealed class Kept(DbCommand command)
    {
        public DbCommand Command { get; } = command;
        public bool Prepared { get; set; }
    }
}
