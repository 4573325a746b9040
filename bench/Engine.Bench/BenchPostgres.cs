using System.Diagnostics;
using System.Globalization;
using Engine.Data.Postgres;
using Engine.Data;
using Engine.Data.Sqlite;
using Engine.Data.Transfer;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Engine.Bench;

/// <summary>
/// A throwaway PostgreSQL server for figure 6, started as build.cake starts the tests' one (initdb into a
/// temp folder, as the postgres user when the harness runs as root, a free port on 127.0.0.1 only), but
/// DURABLE: fsync, synchronous_commit and full_page_writes on, as a production server would run, so an
/// answered vote is on disk. WAL I/O timing is on, so the run can say how long the flushes took.
/// Stopped and removed when disposed.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    public const string Settings = "fsync=on, synchronous_commit=on, full_page_writes=on, wal_sync_method=fdatasync";
    private static readonly string[] Versions = ["15", "16", "17"];

    private readonly string _folder, _bin;
    private readonly bool _asRoot = Environment.UserName == "root";

    private BenchPostgres(string folder, string bin, string version, int port)
    {
        _folder = folder;
        _bin = bin;
        Version = version;
        Port = port;
    }

    public string Version { get; }
    public int Port { get; }
    public string Server => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";
    /// <summary>The database the engine uses in the run.</summary>
    public string EngineDatabase => new NpgsqlConnectionStringBuilder(Server) { Database = "engine_bench", MaxPoolSize = 100 }.ConnectionString;
    public string DataFolder => Path.Combine(_folder, "data");

    /// <summary>Where initdb and pg_ctl are; null (and why) when this machine has no PostgreSQL server.</summary>
    public static string? FindBinaries(out string version)
    {
        foreach (var v in Versions)
        {
            var bin = $"/usr/lib/postgresql/{v}/bin";
            if (File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl"))) { version = v; return bin; }
        }
        version = "";
        return null;
    }

    public static async Task<BenchPostgres> StartAsync(string bin, string version)
    {
        var folder = Path.Combine(Path.GetTempPath(), "engine-bench-postgres-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = new BenchPostgres(folder, bin, version, EngineHost.FreePort());
        if (server._asRoot) await RunAsync("chown", "postgres", folder);
        // --no-sync: initdb's own files need not survive a crash; the server's writes do, and fsync is on for those.
        await server.AsPostgresAsync("initdb", "-D", server.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        var options = $"-c listen_addresses=127.0.0.1 -p {server.Port} -k {folder} -c max_connections=200 " +
            "-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c wal_sync_method=fdatasync -c track_wal_io_timing=on";
        // What each statement costs, for a look by hand during a run (`CREATE EXTENSION pg_stat_statements` in engine_bench, then
        // its view): loaded when the binaries have it; it costs the figures nothing measurable beside the statements it counts.
        if (File.Exists(Path.Combine(Path.GetDirectoryName(bin)!, "lib", "pg_stat_statements.so")))
            options += " -c shared_preload_libraries=pg_stat_statements";
        await server.AsPostgresAsync("pg_ctl", "-D", server.DataFolder, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start");
        await using (var c = new NpgsqlConnection(server.Server))
        {
            await c.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE engine_bench", c);
            await create.ExecuteNonQueryAsync();
        }
        return server;
    }

    /// <summary>
    /// Carries the big tenant over from the SQLite file as generated (<paramref name="generated"/>) with the engine's
    /// own TenantTransfer, then vacuums, analyses and checkpoints, as the server would by itself some time after a bulk load.
    /// </summary>
    public async Task<TenantDump> LoadBigTenantAsync(string generated, CancellationToken ct = default)
    {
        TenantDump dump;
        var sqlite = new SqliteDatabase(generated);
        try { dump = await TenantTransfer.ExportAsync(sqlite, DataSet.BigTenant); }
        finally { await sqlite.DisposeAsync(); }
        await using (var load = new PostgresDatabase(EngineDatabase))
        {
            await Migrations.ApplyAsync(load);
            await TenantTransfer.ImportAsync(load, dump);
        }
        // A bulk load leaves work behind that a server running for months has long done: autovacuum's pass over the new
        // rows (hint bits, the visibility map) and the first checkpoint writing every page loaded. Left to run during the
        // 8-connection run, they were part of its figure.
        await SettleAsync(ct);
        return dump;
    }

    /// <summary>
    /// Carries one tenant from a generated SQLite file (<paramref name="generated"/>) into <paramref name="database"/> with COPY
    /// (binary), for a tenant too big for TenantTransfer's one INSERT per row (the national set's twelve million rows). The
    /// schema is the engine's own (migrations applied first); the secondary indexes and foreign keys are dropped during the
    /// load and made again after, each in one pass, as a restore does. Bench-only: it trusts its input, which SQLite checked.
    /// Answers the rows carried per table.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> CopyTenantAsync(string generated, string tenantId, string database, Action<string>? log = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using (var load = new PostgresDatabase(database)) await Migrations.ApplyAsync(load);
        await using var pg = new NpgsqlConnection(database);
        await pg.OpenAsync(ct);
        await using var sqlite = new SqliteConnection($"Data Source={generated};Mode=ReadOnly;Pooling=False");
        await sqlite.OpenAsync(ct);
        var inSqlite = (await sqlite.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet();
        var tables = (await pg.QueryAsync<(string Table, string Column, string Type)>("""
                SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
                WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position
                """))
            .GroupBy(col => col.Table)
            .Where(t => t.Any(col => col.Column == "tenant_id") && inSqlite.Contains(t.Key) && (!TenantTransfer.NotCarried.Contains(t.Key) || t.Key == "participants"))
            .ToDictionary(t => t.Key, t => t.Select(col => (col.Column, col.Type)).ToList());
        var keys = (await pg.QueryAsync<(string Table, string Name, string Definition)>("""
            SELECT t.relname::text, x.conname::text, pg_get_constraintdef(x.oid) FROM pg_constraint x JOIN pg_class t ON t.oid = x.conrelid
            WHERE x.contype = 'f' AND t.relnamespace = 'public'::regnamespace
            """)).ToList();
        var indexes = (await pg.QueryAsync<(string Name, string Definition)>("""
            SELECT indexname::text, indexdef FROM pg_indexes i WHERE schemaname = 'public'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conname = i.indexname AND x.connamespace = 'public'::regnamespace)
            """)).ToList();
        foreach (var (table, name, _) in keys) await pg.ExecuteAsync($"ALTER TABLE {table} DROP CONSTRAINT {name}");
        foreach (var (name, _) in indexes) await pg.ExecuteAsync($"DROP INDEX {name}");

        // The rows come whole, participants included (derived, so a tenant transfer leaves them to the triggers; here the
        // SQLite set counted them once): no trigger may move them again row by row (a superuser's setting; the bench's PostgreSQL is its own).
        await pg.ExecuteAsync("SET session_replication_role = replica");
        var carried = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (table, all) in tables)
        {
            var present = (await sqlite.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}')")).ToHashSet();
            var columns = all.Where(col => present.Contains(col.Column)).ToList();
            var names = string.Join(", ", columns.Select(col => col.Column));
            await using var read = sqlite.CreateCommand();
            read.CommandText = $"SELECT {names} FROM {table} WHERE tenant_id = $t";
            read.Parameters.AddWithValue("$t", tenantId);
            await using var rows = await read.ExecuteReaderAsync(ct);
            await using var copy = await pg.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", ct);
            while (rows.Read())
            {
                copy.StartRow();
                for (var i = 0; i < columns.Count; i++)
                    if (rows.IsDBNull(i)) copy.WriteNull();
                    else Write(copy, rows, i, table, columns[i]);
            }
            carried[table] = (long)await copy.CompleteAsync(ct);
        }
        await pg.ExecuteAsync("SET session_replication_role = DEFAULT");
        log?.Invoke($"COPY of {carried.Values.Sum():N0} rows: {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        foreach (var (_, definition) in indexes) await pg.ExecuteAsync(definition, commandTimeout: 3600);
        // Adding a foreign key checks every row in one join, not a probe per row as the load would have.
        log?.Invoke($"{indexes.Count} indexes: {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        foreach (var (table, name, definition) in keys) await pg.ExecuteAsync($"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}", commandTimeout: 3600);
        log?.Invoke($"{keys.Count} foreign keys checked: {clock.Elapsed.TotalSeconds:F1} s");
        return carried;
    }

    /// <summary>One value as the PostgreSQL column's type wants it: SQLite hands back every integer as a long.</summary>
    private static void Write(NpgsqlBinaryImporter copy, SqliteDataReader row, int i, string table, (string Column, string Type) column)
    {
        switch (column.Type)
        {
            case "bigint": copy.Write(row.GetInt64(i), NpgsqlTypes.NpgsqlDbType.Bigint); break;
            case "integer": copy.Write(row.GetInt32(i), NpgsqlTypes.NpgsqlDbType.Integer); break;
            case "smallint": copy.Write(row.GetInt16(i), NpgsqlTypes.NpgsqlDbType.Smallint); break;
            case "boolean": copy.Write(row.GetInt64(i) != 0, NpgsqlTypes.NpgsqlDbType.Boolean); break;
            case "text": copy.Write(row.GetString(i), NpgsqlTypes.NpgsqlDbType.Text); break;
            case "double precision": copy.Write(row.GetDouble(i), NpgsqlTypes.NpgsqlDbType.Double); break;
            case "bytea": copy.Write((byte[])row.GetValue(i), NpgsqlTypes.NpgsqlDbType.Bytea); break;
            default: throw new NotSupportedException($"{table}.{column.Column} is {column.Type} in PostgreSQL: the bench's COPY loader does not carry that type yet.");
        }
    }

    /// <summary>After a bulk load: the work a server running for months has long done (autovacuum's pass, the first checkpoint).</summary>
    public async Task SettleAsync(CancellationToken ct = default)
    {
        await using var c = new NpgsqlConnection(EngineDatabase);
        await c.OpenAsync(ct);
        await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", c) { CommandTimeout = 3600 }) await vacuum.ExecuteNonQueryAsync(ct);
        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", c) { CommandTimeout = 3600 }) await checkpoint.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Deadlocks PostgreSQL has detected in the engine's database since the server started (pg_stat_database).</summary>
    public async Task<long> DeadlocksAsync()
    {
        await using var c = new NpgsqlConnection(EngineDatabase);
        await c.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", c);
        return (long)(await read.ExecuteScalarAsync())!;
    }

    /// <summary>WAL flushes and the time they took since the server started (pg_stat_wal).</summary>
    public async Task<(long Syncs, double SyncMs)> WalAsync()
    {
        await using var c = new NpgsqlConnection(Server);
        await c.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT wal_sync, wal_sync_time FROM pg_stat_wal", c);
        await using var row = await read.ExecuteReaderAsync();
        await row.ReadAsync();
        return (row.GetInt64(0), row.GetDouble(1));
    }

    /// <summary>
    /// CPU time the server's processes have used (user + system): the postmaster and its living children,
    /// plus the children it has already reaped. Linux only; zero elsewhere.
    /// </summary>
    public TimeSpan ServerCpu()
    {
        var pidFile = Path.Combine(DataFolder, "postmaster.pid");
        if (!File.Exists("/proc/self/stat") || !File.Exists(pidFile)) return TimeSpan.Zero;
        var postmaster = File.ReadLines(pidFile).First().Trim();
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(dir);
            if (!pid.All(char.IsDigit)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
            // Fields after the command name (which may hold spaces) start at field 3: ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long F(int field) => long.Parse(fields[field - 3], CultureInfo.InvariantCulture);
            if (pid == postmaster) ticks += F(14) + F(15) + F(16) + F(17);
            else if (fields[1] == postmaster) ticks += F(14) + F(15);
        }
        // USER_HZ is 100 on every Linux build .NET runs on.
        return TimeSpan.FromMilliseconds(ticks * 10.0);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await AsPostgresAsync("pg_ctl", "-D", DataFolder, "-m", "fast", "-w", "-t", "60", "stop"); }
        catch (InvalidOperationException) { /* already stopped; the folder goes either way */ }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* in the temp folder */ }
    }

    private Task AsPostgresAsync(string tool, params string[] arguments) =>
        _asRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments]) : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{file} {string.Join(' ', arguments)}` failed ({process.ExitCode}): {await error}{await output}");
    }
}
