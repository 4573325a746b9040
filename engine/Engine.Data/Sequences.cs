using Dapper;
using System.Data.Common;

namespace Engine.Data;

/// <summary>Per-tenant ids (idea 1, 2, 3 on every site), allocated inside the caller's write transaction.</summary>
internal static class Sequences
{
    public static long Next(DbConnection c, DbTransaction tx, string tenantId, string name) =>
        c.ExecuteScalar<long>("""
            INSERT INTO sequences (tenant_id, name, value) VALUES (@tenantId, @name, 1)
            ON CONFLICT (tenant_id, name) DO UPDATE SET value = sequences.value + 1
            RETURNING value
            """, new { tenantId, name }, tx);
}

internal static class Time
{
    public static long ToUnixMs(this DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    public static DateTimeOffset? FromUnixMs(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
