using System.Diagnostics;
using Dapper;
using Engine.Data;
using Engine.Data.Postgres;
using Engine.Data.Sqlite;
using Engine.Data.Transfer;
using Npgsql;

namespace Engine.Bench;

/// <summary>
/// `-- transfer`: the big tenant's import into a durable throwaway PostgreSQL, timed twice in one run so the machine's load
/// weighs on both alike: into a database at migration step 32, whose participants' triggers run (with their advisory
/// locks) for every imported row, and into one at the latest step, where the import defers them and counts the tenant's
/// participants once at its end (step 33). Both must end with the same participants.
/// </summary>
public static class TransferTiming
{
    private const int PerRowStep = 32;

    public static async Task<int> RunAsync(BenchOptions options, Action<string> log)
    {
        var bin = BenchPostgres.FindBinaries(out var version) ?? throw new InvalidOperationException("No PostgreSQL server binaries on this machine.");
        var data = await DataSet.CreateAsync(options, Path.Combine(Path.GetTempPath(), "engine-bench", "transfer-" + Guid.NewGuid().ToString("N")));
        try
        {
            TenantDump dump;
            await using (var sqlite = new SqliteDatabase(Path.Combine(data.DataPath, "engine.db")))
                dump = await TenantTransfer.ExportAsync(sqlite, DataSet.BigTenant);
            await using var server = await BenchPostgres.StartAsync(bin, version);
            var perRow = await ImportAsync(server, "per_row", PerRowStep, dump with { SchemaVersion = PerRowStep });
            var atEnd = await ImportAsync(server, "at_end", Migrations.Latest, dump);
            log($"The big tenant ({dump.Counts.Values.Sum():N0} rows) imported into PostgreSQL {version} by TenantTransfer: " +
                $"{perRow.Seconds:F1} s with the participants counted per row (step {PerRowStep}), {atEnd.Seconds:F1} s counted once at the end (step {Migrations.Latest}); " +
                $"participants {(perRow.Participants == atEnd.Participants ? "the same" : "DIFFER")} ({atEnd.Participants}). Load average {Machine.LoadAverage()}.");
            return perRow.Participants == atEnd.Participants ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(data.Root, recursive: true); } catch (IOException) { /* in the temp folder */ }
        }
    }

    private static async Task<(double Seconds, string Participants)> ImportAsync(BenchPostgres server, string name, int step, TenantDump dump)
    {
        var connection = new NpgsqlConnectionStringBuilder(server.EngineDatabase) { Database = name }.ConnectionString;
        await using (var c = new NpgsqlConnection(server.Server))
        {
            await c.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await create.ExecuteNonQueryAsync();
        }
        await using var db = new PostgresDatabase(connection);
        await Migrations.ApplyAsync(db, step);
        // This engine's import checks that table (step 33's) is empty; at step 32 it is not there yet, nothing reads it.
        if (step < Migrations.Latest)
            await db.WriteAsync((c, tx) => c.Execute("CREATE TABLE participants_deferred (tenant_id TEXT NOT NULL PRIMARY KEY)", transaction: tx));
        var clock = Stopwatch.StartNew();
        await TenantTransfer.ImportAsync(db, dump);
        var seconds = clock.Elapsed.TotalSeconds;
        await using var reader = db.OpenReader();
        await using var sum = reader.CreateCommand();
        sum.CommandText = "SELECT COUNT(*) || ' rows, ' || COALESCE(SUM(contributions), 0) || ' contributions' FROM participants";
        return (seconds, (string)(await sum.ExecuteScalarAsync())!);
    }
}
