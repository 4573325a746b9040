using System.Data.Common;

namespace Engine.Data.GroupCommit;

/// <summary>
/// A write that is one SQL statement: its parameters' names and values, and how its answer is read. Unlike a write
/// given as code, the writer can send many of these to the server at once (on PostgreSQL a group of votes is one
/// round trip instead of one per vote). <paramref name="Read"/> reads the statement's own result (its rows), nothing more.
/// </summary>
public sealed record Statement<T>(string Sql, string[] Names, object?[] Values, Func<DbDataReader, T> Read);
