using Dapper;

namespace Engine.Data;

public static partial class Migrations
{
    /// <summary>
    /// Tables of the deployment rather than of any tenant, so they carry no tenant id (in Citus they
    /// are reference tables): the schema version and the Data Protection keys that sign cookies for
    /// every node. SQLite keeps its version in user_version and its keys in files, so needs neither.
    /// </summary>
    public static readonly IReadOnlyList<string> DeploymentTables = ["schema_version", "data_protection_keys"];

    private const string PostgresDeploymentTables = """
        CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS data_protection_keys (friendly_name TEXT NOT NULL PRIMARY KEY, xml TEXT NOT NULL, created_at BIGINT NOT NULL);
        """;

    // Any constant will do: it only has to be the same on every node.
    private const long MigrationLock = 0x656e67696e65;

    /// <summary>The SQL step <paramref name="number"/> (from 1) runs on <paramref name="dialect"/>; for tests and the curious.</summary>
    public static string StepSql(int number, SqlDialect dialect) => Steps[number - 1].For(dialect, number);

    /// <summary>
    /// Brings the database up to <see cref="Latest"/>; all steps commit together with the version, or
    /// not at all. On PostgreSQL several nodes may start at once: an advisory lock lets one migrate
    /// while the others wait, then find nothing to do.
    /// </summary>
    public static Task ApplyAsync(Database database) => ApplyAsync(database, Latest);

    /// <summary>Brings the database up to step <paramref name="upTo"/>: a database as an earlier release left it, for tests of an upgrade.</summary>
    public static async Task ApplyAsync(Database database, int upTo)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(upTo, Latest);
        var dialect = database.Dialect;
        // Translated before anything runs, so a step that is not portable stops the start-up with its number.
        var sql = Enumerable.Range(1, upTo).Select(n => StepSql(n, dialect)).ToList();
        await database.WriteAsync((c, tx) =>
        {
            int current;
            if (dialect == SqlDialect.Postgres)
            {
                c.Execute("SELECT pg_advisory_xact_lock(@MigrationLock)", new { MigrationLock }, tx);
                c.Execute(PostgresDeploymentTables, transaction: tx);
                current = c.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction: tx);
            }
            else current = c.ExecuteScalar<int>("PRAGMA user_version", transaction: tx);
            if (current > Latest)
                throw new InvalidOperationException(
                    $"The database {database.Describe} is at schema version {current}, newer than this engine's {Latest}. Upgrade the engine.");
            for (var v = current; v < upTo; v++)
            {
                c.Execute(sql[v], transaction: tx);
                if (dialect == SqlDialect.Postgres)
                {
                    c.Execute("DELETE FROM schema_version", transaction: tx);
                    c.Execute("INSERT INTO schema_version (version) VALUES (@version)", new { version = v + 1 }, tx);
                }
                else c.Execute($"PRAGMA user_version = {v + 1}", transaction: tx);
            }
            return 0;
        });
    }

    /// <summary>The schema version the database is at: 0 for an empty database.</summary>
    public static async Task<int> VersionAsync(Database database)
    {
        await using var c = database.OpenReader();
        if (database.Dialect != SqlDialect.Postgres) return c.ExecuteScalar<int>("PRAGMA user_version");
        return c.ExecuteScalar<bool>("SELECT to_regclass('schema_version') IS NULL")
            ? 0
            : c.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    }
}
