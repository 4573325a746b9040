using System.Data.Common;
using Dapper;

namespace Engine.Data;

public static partial class Migrations
{
    /// <summary>
    /// Step 33 (issue 22), a tenant's participants counted once at the end of a bulk write rather than per row: a tenant
    /// transfer into PostgreSQL ran step 32's triggers (and their advisory locks) for every imported vote, 7.5 times slower.
    /// Inside one transaction, <see cref="DeferParticipants"/> switches the triggers off for one tenant, and
    /// <see cref="CountDeferredParticipants"/> counts that tenant from its rows and switches them on again. No other
    /// transaction, and no other tenant's write in the same one (a group commit), ever sees the switch:
    /// SQLite reads a row of participants_deferred, written and deleted inside the transaction (its WHEN may hold a query);
    /// PostgreSQL, whose WHEN may not, reads a transaction-local setting. The table is made on both, so the two schemas
    /// stay the same (as tenant_deletions is), though only SQLite's triggers read it.
    /// </summary>
    internal static MigrationStep ParticipantsDeferred => new("""
        -- A tenant whose participants are counted at the end of this transaction (SQLite's triggers read it): a row lives
        -- here only inside the transaction that wrote it.
        CREATE TABLE participants_deferred (
            tenant_id TEXT NOT NULL,
            PRIMARY KEY (tenant_id)) WITHOUT ROWID;
        """)
    {
        SqliteOnly = string.Concat(ParticipantTriggers.Select(t =>
            $"DROP TRIGGER {t.Name};\n" + t.SqliteTrigger(WhenNotDeferred(t, $"NOT EXISTS (SELECT 1 FROM participants_deferred d WHERE d.tenant_id = {t.Row}.tenant_id)")))),
        PostgresOnly = string.Concat(ParticipantTriggers.Select(t =>
            $"DROP TRIGGER {t.Name} ON {t.Table};\n" + t.PostgresTrigger(WhenNotDeferred(t, $"current_setting('{DeferredSetting}', true) IS DISTINCT FROM {t.Row}.tenant_id")))),
    };

    private const string DeferredSetting = "engine.participants_deferred";

    private static string WhenNotDeferred(ParticipantTrigger t, string notDeferred) =>
        t.When is null ? notDeferred : $"{notDeferred} AND ({t.When})";

    /// <summary>
    /// Until <see cref="CountDeferredParticipants"/> in the same transaction, writes to <paramref name="tenantId"/>'s rows
    /// leave its participants alone (a bulk load: a tenant transfer).
    /// </summary>
    public static void DeferParticipants(SqlDialect dialect, DbConnection c, DbTransaction tx, string tenantId) =>
        c.Execute(dialect == SqlDialect.Postgres
            ? $"SELECT set_config('{DeferredSetting}', @tenantId, true)"
            : "INSERT INTO participants_deferred (tenant_id) VALUES (@tenantId)", new { tenantId }, tx);

    /// <summary>
    /// <paramref name="tenantId"/>'s participants counted again from its rows, and its writes counted by the triggers again.
    /// </summary>
    public static void CountDeferredParticipants(SqlDialect dialect, DbConnection c, DbTransaction tx, string tenantId) =>
        // Counted while still deferred: the site's rows are counted here, not by the triggers on participants.
        c.Execute("DELETE FROM participants WHERE tenant_id = @tenantId;\n" + CountedFromRows(oneTenant: true) + (dialect == SqlDialect.Postgres
            ? $"SELECT set_config('{DeferredSetting}', '', true);"
            : "DELETE FROM participants_deferred WHERE tenant_id = @tenantId;"), new { tenantId }, tx);
}
