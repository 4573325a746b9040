using System.Text;
using System.Text.Json;
using Dapper;
using Engine.Core.Common;
using Engine.Sdk;

namespace Engine.Data.Stores;

/// <summary>
/// Every plugin's key/value store, on both databases. A plugin never names its site or itself: <see cref="For"/> hands it
/// a store bound to one tenant and one plugin, and every query starts with both (the table's key starts with the tenant).
/// The limits are checked in the write's transaction, so a write past one changes nothing.
/// </summary>
public sealed class PluginStateStore(Database db)
{
    public IPluginState For(string tenantId, string pluginId) => new Bound(db, tenantId, pluginId);

    private sealed class Bound(Database db, string tenantId, string pluginId) : IPluginState
    {
        private string Where => $"plugin state of plugin '{pluginId}' on site '{tenantId}'";

        public JsonElement? Get(string key)
        {
            using var c = db.OpenReader();
            var value = c.QuerySingleOrDefault<string?>("SELECT value FROM plugin_state WHERE tenant_id = @tenantId AND plugin_id = @pluginId AND key = @key",
                new { tenantId, pluginId, key });
            if (value is null) return null;
            using var document = JsonDocument.Parse(value);
            return document.RootElement.Clone();
        }

        public void Set(string key, JsonElement value)
        {
            CheckKey(key);
            var json = value.GetRawText();
            var size = Encoding.UTF8.GetByteCount(json);
            if (size > StateLimits.ValueBytes)
                throw new StateLimitException($"{Where}: the value of key '{key}' is {size:N0} bytes; a value may be at most {StateLimits.ValueBytes:N0} bytes.");
            db.WriteAsync(tenantId, WriteScope.Records, (c, tx) =>
            {
                // On PostgreSQL two nodes may write for the same plugin at once: they take turns, so the sum below holds.
                if (db.Dialect == SqlDialect.Postgres)
                    c.Execute("SELECT pg_advisory_xact_lock(hashtextextended('plugin-state/' || @tenantId || '/' || @pluginId, 0))", new { tenantId, pluginId }, tx);
                var others = c.ExecuteScalar<long>("""
                    SELECT COALESCE(SUM(size), 0) FROM plugin_state WHERE tenant_id = @tenantId AND plugin_id = @pluginId AND key <> @key
                    """, new { tenantId, pluginId, key }, tx);
                if (others + size > StateLimits.PluginBytes)
                    throw new StateLimitException($"{Where}: writing key '{key}' ({size:N0} bytes) would bring the plugin's values to {others + size:N0} bytes; " +
                        $"a plugin may keep at most {StateLimits.PluginBytes:N0} bytes on a site. Remove keys it no longer needs.");
                return c.Execute("""
                    INSERT INTO plugin_state (tenant_id, plugin_id, key, value, size, updated_at) VALUES (@tenantId, @pluginId, @key, @json, @size, @now)
                    ON CONFLICT (tenant_id, plugin_id, key) DO UPDATE SET value = excluded.value, size = excluded.size, updated_at = excluded.updated_at
                    """, new { tenantId, pluginId, key, json, size, now = DateTimeOffset.UtcNow.ToUnixMs() }, tx);
            }).GetAwaiter().GetResult();
        }

        public bool Remove(string key) =>
            db.WriteAsync(tenantId, WriteScope.Records, (c, tx) => c.Execute("DELETE FROM plugin_state WHERE tenant_id = @tenantId AND plugin_id = @pluginId AND key = @key",
                new { tenantId, pluginId, key }, tx) == 1).GetAwaiter().GetResult();

        public IReadOnlyList<string> Keys(string prefix = "")
        {
            using var c = db.OpenReader();
            // Compared as text rather than with LIKE, whose wildcards a key may contain.
            return c.Query<string>("""
                SELECT key FROM plugin_state WHERE tenant_id = @tenantId AND plugin_id = @pluginId AND substr(key, 1, @length) = @prefix ORDER BY key
                """, new { tenantId, pluginId, prefix, length = prefix.Length }).ToList();
        }

        private void CheckKey(string key)
        {
            if (string.IsNullOrEmpty(key) || key.Length > StateLimits.KeyLength)
                throw new StateLimitException($"{Where}: a key must be 1 to {StateLimits.KeyLength} characters; '{(key.Length > 40 ? key[..40] + "…" : key)}' is {key.Length}.");
        }
    }
}
