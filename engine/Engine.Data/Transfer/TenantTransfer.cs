using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;

namespace Engine.Data.Transfer;

/// <summary>
/// Every row a tenant has in every table, as plain values (integers, text, nulls), so a tenant can
/// move between stores: SQLite to PostgreSQL when a site outgrows one machine, PostgreSQL back to
/// SQLite, or one tenant restored on its own from a backup. Tables are found in the schema itself,
/// so a table added by a later migration is carried without a change here.
/// </summary>
public sealed record TenantDump(string TenantId, int SchemaVersion, IReadOnlyDictionary<string, TableRows> Tables)
{
    /// <summary>
    /// The tenant's own anonymity key, sealed for the target deployment (only its holder of the transfer passphrase
    /// opens it), or null: then its fully anonymous authors' keys are those of the deployment it left. Not a row, so
    /// not in <see cref="ContentHash"/>.
    /// </summary>
    public string? AnonymityKey { get; init; }

    /// <summary>Rows per table, for checking a copy against its original.</summary>
    public IReadOnlyDictionary<string, int> Counts => Tables.ToDictionary(t => t.Key, t => t.Value.Rows.Count);

    /// <summary>SHA-256 of the rows in a canonical form (tables, columns and rows in order): equal hashes, equal data.</summary>
    public string ContentHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (table, rows) in Tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            Add(hash, $"table {table} ({string.Join(",", rows.Columns)})\n");
            foreach (var row in rows.Rows)
                Add(hash, string.Join("\u001f", row.Select(v => v switch { null => "\u2400", long l => "i" + l, string s => "s" + s, var o => "?" + o })) + "\n");
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void Add(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));

    public void WriteTo(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("tenantId", TenantId);
        json.WriteNumber("schemaVersion", SchemaVersion);
        if (AnonymityKey is not null) json.WriteString("anonymityKey", AnonymityKey);
        json.WriteStartObject("tables");
        foreach (var (table, rows) in Tables)
        {
            json.WriteStartObject(table);
            json.WriteStartArray("columns");
            foreach (var column in rows.Columns) json.WriteStringValue(column);
            json.WriteEndArray();
            json.WriteStartArray("rows");
            foreach (var row in rows.Rows)
            {
                json.WriteStartArray();
                foreach (var value in row)
                    switch (value)
                    {
                        case null: json.WriteNullValue(); break;
                        case long l: json.WriteNumberValue(l); break;
                        default: json.WriteStringValue((string)value); break;
                    }
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static TenantDump ReadFrom(Stream stream)
    {
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var tables = new Dictionary<string, TableRows>(StringComparer.Ordinal);
        foreach (var table in root.GetProperty("tables").EnumerateObject())
        {
            var columns = table.Value.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
            var rows = table.Value.GetProperty("rows").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number => (object)v.GetInt64(),
                JsonValueKind.String => v.GetString(),
                var kind => throw new InvalidDataException($"Table {table.Name}: a value of kind {kind}; only integers, text and nulls are stored."),
            }).ToArray()).ToList();
            tables[table.Name] = new TableRows(columns, rows);
        }
        return new TenantDump(root.GetProperty("tenantId").GetString()!, root.GetProperty("schemaVersion").GetInt32(), tables)
        {
            AnonymityKey = root.TryGetProperty("anonymityKey", out var key) ? key.GetString() : null,
        };
    }
}

public sealed record TableRows(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

public static class TenantTransfer
{
    /// <summary>
    /// Tenant tables whose rows are this deployment's own, never carried in an export: the tenant's key is wrapped by this
    /// deployment's secret (it travels sealed in <see cref="TenantDump.AnonymityKey"/> instead), and a deletion marker
    /// lives only inside its own transaction, as does a deferral of the participants' count. The participants in the
    /// numbers (migration step 32) are derived from the other rows: an import counts them once, at its end.
    /// </summary>
    public static readonly IReadOnlyList<string> NotCarried = ["tenant_keys", "tenant_deletions", "participants", "participants_deferred"];

    /// <summary>Every row of <paramref name="tenantId"/>, in primary-key order.</summary>
    public static async Task<TenantDump> ExportAsync(Database db, string tenantId)
    {
        var version = await Migrations.VersionAsync(db);
        await using var c = db.OpenReader();
        var tables = new Dictionary<string, TableRows>(StringComparer.Ordinal);
        foreach (var table in TablesInOrder(db, c))
        {
            var columns = Columns(db, c, table);
            var key = PrimaryKey(db, c, table);
            var rows = new List<object?[]>();
            await using var command = c.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", columns)} FROM {table} WHERE tenant_id = @tenantId ORDER BY {string.Join(", ", key)}";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "tenantId";
            parameter.Value = tenantId;
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(Enumerable.Range(0, columns.Count).Select(i => reader.IsDBNull(i) ? null : Plain(reader.GetValue(i), table, columns[i])).ToArray());
            tables[table] = new TableRows(columns, rows);
        }
        return new TenantDump(tenantId, version, tables);
    }

    /// <summary>
    /// Puts every row of <paramref name="dump"/> into <paramref name="db"/> as tenant <paramref name="asTenantId"/>
    /// (the dump's own id by default), in one transaction: all of it or, if anything is refused, none.
    /// The tenant must have no rows there yet, and both stores must be at the same schema version.
    /// </summary>
    /// <param name="wrappedKey">The tenant's own anonymity key, wrapped by this deployment's secret, stored with the rows.</param>
    public static async Task ImportAsync(Database db, TenantDump dump, string? asTenantId = null, string? wrappedKey = null)
    {
        var tenantId = asTenantId ?? dump.TenantId;
        var version = await Migrations.VersionAsync(db);
        if (version != dump.SchemaVersion)
            throw new InvalidOperationException($"The export is at schema version {dump.SchemaVersion} and {db.Describe} at {version}: upgrade the older engine first, then export again.");
        await db.WriteAsync(tenantId, (c, tx) =>
        {
            var order = TablesInOrder(db, c, tx);
            var unknown = dump.Tables.Keys.Except(order).ToList();
            if (unknown.Count > 0) throw new InvalidOperationException($"The export has tables this database does not: {string.Join(", ", unknown)}.");
            foreach (var table in order.Concat(NotCarried))
                if (c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table} WHERE tenant_id = @tenantId", new { tenantId }, tx) > 0)
                    throw new InvalidOperationException($"Tenant {tenantId} already has data in {db.Describe} (table {table}): import only into a tenant with none.");
            // Counted per row by the triggers, a big tenant's votes took 7.5 times as long into PostgreSQL (their locks).
            Migrations.DeferParticipants(db.Dialect, c, tx, tenantId);
            foreach (var table in order)
            {
                if (!dump.Tables.TryGetValue(table, out var rows) || rows.Rows.Count == 0) continue;
                var tenantColumn = rows.Columns.ToList().IndexOf("tenant_id");
                var insert = $"INSERT INTO {table} ({string.Join(", ", rows.Columns)}) VALUES ({string.Join(", ", rows.Columns.Select((_, i) => "@p" + i))})";
                foreach (var row in rows.Rows)
                {
                    var args = new DynamicParameters();
                    for (var i = 0; i < row.Length; i++) args.Add("p" + i, i == tenantColumn ? tenantId : row[i]);
                    c.Execute(insert, args, tx);
                }
            }
            Migrations.CountDeferredParticipants(db.Dialect, c, tx, tenantId);
            if (wrappedKey is not null)
                c.Execute("INSERT INTO tenant_keys (tenant_id, anonymity_key) VALUES (@tenantId, @wrappedKey)", new { tenantId, wrappedKey }, tx);
            return 0;
        });
    }

    /// <summary>
    /// Removes every row of <paramref name="tenantId"/> from every table (its own key too), in one transaction. The audit
    /// log is append-only: the caller archives it first and says how many rows it archived, and if the log has grown
    /// since, nothing is deleted, so no entry is ever lost unarchived. Returns the rows deleted per table.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> DeleteAsync(Database db, string tenantId, int archivedAuditRows)
    {
        return await db.WriteAsync(tenantId, (c, tx) =>
        {
            var audit = c.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE tenant_id = @tenantId", new { tenantId }, tx);
            if (audit != archivedAuditRows)
                throw new InvalidOperationException($"Tenant {tenantId}'s audit log has {audit} entries and {archivedAuditRows} were archived: nothing was deleted; run the command again.");
            // Only while this row exists (inside this transaction) does the audit log let the tenant's entries go.
            c.Execute("INSERT INTO tenant_deletions (tenant_id) VALUES (@tenantId)", new { tenantId }, tx);
            var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
            // Children before the parents their foreign keys point at.
            // The triggers empty participants as the rows go; deleting it last leaves nothing even of a drifted count.
            foreach (var table in Enumerable.Reverse(TablesInOrder(db, c, tx)).Append("participants").Append("tenant_keys"))
                deleted[table] = c.Execute($"DELETE FROM {table} WHERE tenant_id = @tenantId", new { tenantId }, tx);
            c.Execute("DELETE FROM tenant_deletions WHERE tenant_id = @tenantId", new { tenantId }, tx);
            return deleted;
        });
    }

    private static object Plain(object value, string table, string column) => value switch
    {
        long l => l,
        int i => (long)i,
        short s => (long)s,
        string s => s,
        bool b => b ? 1L : 0L,
        _ => throw new InvalidDataException($"{table}.{column} holds a {value.GetType().Name}; the schema stores only integers and text."),
    };

    /// <summary>The tenant tables, parents before the tables whose foreign keys point at them.</summary>
    private static List<string> TablesInOrder(Database db, System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx = null)
    {
        List<string> tables;
        List<(string Child, string Parent)> references;
        if (db.Dialect == SqlDialect.Sqlite)
        {
            // A full-text index (a virtual table, its shadow tables and idea_search_scopes) is derived from the ideas by
            // triggers, which rebuild it as the ideas are imported: it is not data to carry, and PostgreSQL has no such table.
            var derived = c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'", transaction: tx).ToList();
            tables = c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", transaction: tx)
                .Where(t => !derived.Any(d => t == d || t.StartsWith(d + "_", StringComparison.Ordinal))).ToList();
            references = tables.SelectMany(t => c.Query<(long Id, long Seq, string Table, string From, string To, string OnUpdate, string OnDelete, string Match)>(
                $"PRAGMA foreign_key_list({t})", transaction: tx).Select(f => (t, f.Table))).ToList();
        }
        else
        {
            tables = c.Query<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", transaction: tx).ToList();
            references = c.Query<(string Child, string Parent)>("""
                SELECT t.relname::text, p.relname::text FROM pg_constraint x JOIN pg_class t ON t.oid = x.conrelid JOIN pg_class p ON p.oid = x.confrelid
                WHERE x.contype = 'f' AND t.relnamespace = 'public'::regnamespace
                """, transaction: tx).ToList();
        }
        tables = tables.Where(t => !Migrations.DeploymentTables.Contains(t) && !NotCarried.Contains(t) && !IsSqliteInternal(db, c, tx, t)).ToList();
        var ordered = new List<string>();
        var remaining = new HashSet<string>(tables);
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(t => !references.Any(r => r.Child == t && r.Parent != t && remaining.Contains(r.Parent))).OrderBy(t => t, StringComparer.Ordinal).ToList();
            if (ready.Count == 0) throw new InvalidOperationException($"Foreign keys go round in a circle between {string.Join(", ", remaining)}.");
            ordered.AddRange(ready);
            remaining.ExceptWith(ready);
        }
        return ordered;
    }

    // SQLite's FTS5 tables keep shadow tables (name_data, name_idx …) that are its own business, and tables without tenant_id are not a tenant's.
    private static bool IsSqliteInternal(Database db, System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, string table) =>
        !Columns(db, c, table, tx).Contains("tenant_id");

    private static List<string> Columns(Database db, System.Data.Common.DbConnection c, string table, System.Data.Common.DbTransaction? tx = null) =>
        db.Dialect == SqlDialect.Sqlite
            ? c.Query<(long Cid, string Name, string Type, long NotNull, object? Default, long Pk)>($"PRAGMA table_info({table})", transaction: tx).Select(col => col.Name).ToList()
            // Generated columns (ideas.search_words) are PostgreSQL's to fill: never carried, as SQLite's index is not.
            : c.Query<string>("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table AND is_generated = 'NEVER' ORDER BY ordinal_position",
                new { table }, tx).ToList();

    private static List<string> PrimaryKey(Database db, System.Data.Common.DbConnection c, string table)
    {
        var key = db.Dialect == SqlDialect.Sqlite
            ? c.Query<(long Cid, string Name, string Type, long NotNull, object? Default, long Pk)>($"PRAGMA table_info({table})").Where(col => col.Pk > 0).OrderBy(col => col.Pk).Select(col => col.Name).ToList()
            : c.Query<string>("""
                SELECT a.attname::text FROM pg_index x JOIN unnest(x.indkey) WITH ORDINALITY AS k(attnum, n) ON true
                JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                WHERE x.indrelid = ('public.' || @table)::regclass AND x.indisprimary ORDER BY k.n
                """, new { table }).ToList();
        return key.Count > 0 ? key : Columns(db, c, table);
    }
}
