using Npgsql;

namespace Engine.Tests.Shared;

/// <summary>
/// The throwaway PostgreSQL server the build starts for the tests (build.cake: initdb into a temp
/// folder, a free port on 127.0.0.1), passed in ENGINE_TEST_POSTGRES as a connection string to its
/// postgres database. Each test gets a database of its own, created empty and dropped afterwards.
/// ENGINE_TEST_STORE=postgres makes the store tests and the web tests run on it instead of SQLite.
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "ENGINE_TEST_POSTGRES";
    public const string StoreVariable = "ENGINE_TEST_STORE";

    /// <summary>True when this test run is the PostgreSQL run of a suite written for both stores.</summary>
    public static bool IsTheStore => string.Equals(Environment.GetEnvironmentVariable(StoreVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server's connection string; a clear failure (never a skip) when the build did not start one.</summary>
    public static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException(
            $"This test needs PostgreSQL: run the tests with `dotnet tool restore && dotnet cake --target=Test`, which starts a throwaway " +
            $"PostgreSQL 15 server, or set {ServerVariable} to a connection string for a server where the user may create databases.");

    /// <summary>A new empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "engine_test_" + Guid.NewGuid().ToString("N");
        await using (var c = new NpgsqlConnection(Server))
        {
            await c.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(Server);
        await c.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
        await drop.ExecuteNonQueryAsync();
    }
}
