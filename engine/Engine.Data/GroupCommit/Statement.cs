using System.Data.Common;

namespace Engine.Data.GroupCommit;

/// <summary>One SQL statement with its parameters' names and values, in order.</summary>
public record Statement(string Sql, string[] Names, object?[] Values)
{
    /// <summary>
    /// Where the statement goes among the others of its kind in a group, by the rows or locks it takes (e.g. tenant, idea,
    /// member): every node then takes them in the same order, so two nodes' groups wait for each other but never deadlock.
    /// Null: the statement keeps its place. Statements of one kind give orders of one type. A lock
    /// (<see cref="Statement{T}.Locks"/>) needs an order: the group takes all its locks first, sorted, each once, so two
    /// locks given equal orders must be the same lock.
    /// </summary>
    public IComparable? Order { get; init; }

    /// <summary>Gives the statement's parameters, named with their prefix, to a command or a batch command.</summary>
    internal void Bind(DbParameterCollection parameters, Func<DbParameter> create)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            var parameter = create();
            // With its prefix: Microsoft.Data.Sqlite otherwise looks the name up three times (@, : and $) on every run.
            parameter.ParameterName = "@" + Names[i];
            parameter.Value = Values[i] ?? DBNull.Value;
            parameters.Add(parameter);
        }
    }
}

/// <summary>
/// A write that is one SQL statement, and how its answer is read. Unlike a write given as code, the writer can send
/// many of these to the server at once (on PostgreSQL a group of votes is one round trip instead of one per vote).
/// <paramref name="Read"/> reads the statement's own result (its rows), nothing more. Every statement that may go in a
/// batch (and its <see cref="Before"/> and <see cref="Locks"/>) must answer rows, even none (a SELECT, or RETURNING): Npgsql
/// gives no result to one that does not, and the answers after it would be read by the wrong writes.
/// </summary>
public sealed record Statement<T>(string Sql, string[] Names, object?[] Values, Func<DbDataReader, T> Read) : Statement(Sql, Names, Values)
{
    /// <summary>
    /// A statement run just before this one, in the same transaction (and the same batch), whose answer is not read: a
    /// lock this one needs. A statement of its own because a statement sees the data as committed when it starts (on
    /// PostgreSQL, read committed): this one then starts after the lock is granted and sees what its holder committed.
    /// </summary>
    public Statement? Before { get; init; }

    /// <summary>
    /// Locks this statement needs, each a statement given an <see cref="Statement.Order"/>: the writer takes every lock of
    /// its group first, sorted, before any row is written, and this statement starts after they are granted (so it sees what
    /// their previous holders committed). Taken again with the statement when the group runs write by write, so a lock
    /// must be safe to take twice (PostgreSQL's advisory locks are).
    /// </summary>
    public IReadOnlyList<Statement> Locks { get; init; } = [];
}
