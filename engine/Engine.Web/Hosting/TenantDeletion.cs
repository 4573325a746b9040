using Engine.Data;
using Engine.Data.Transfer;

namespace Engine.Web.Hosting;

/// <summary>
/// <c>tenant delete &lt;id&gt; --confirm</c>: the tenant's append-only audit log is archived first, to a file readable by
/// the engine's user only (in the same JSON as an export, under Engine:DataPath/archives), written through to disk;
/// then every row of the tenant goes from every table in one transaction, and the running nodes drop their copies as
/// after any write. The tenant's folder is configuration, not data: the operator removes it (first, so that no node
/// serves the tenant meanwhile).
/// </summary>
public static class TenantDeletion
{
    public static async Task<int> RunAsync(IServiceProvider services, Database db, string tenantId, TextWriter output, TextWriter errors)
    {
        var dump = await TenantTransfer.ExportAsync(db, tenantId);
        if (dump.Counts.Values.All(n => n == 0))
        {
            await errors.WriteLineAsync($"tenant delete {tenantId}: tenant {tenantId} has no data in {db.Describe}; nothing was deleted.");
            return StoreCommands.Refused;
        }
        var audit = dump.Tables["audit_log"];
        var archive = Path.Combine(EngineServices.PathFor(services, o => o.DataPath), "archives", $"{tenantId}-audit-log-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}.json");
        await using (var stream = PrivateFiles.Create(archive, FileMode.CreateNew, FileOptions.WriteThrough))
            new TenantDump(tenantId, dump.SchemaVersion, new Dictionary<string, TableRows> { ["audit_log"] = audit }).WriteTo(stream);
        await output.WriteLineAsync($"Archived tenant {tenantId}'s audit log ({audit.Rows.Count} entries) to {Path.GetFullPath(archive)}");
        var deleted = await TenantTransfer.DeleteAsync(db, tenantId, audit.Rows.Count);
        await output.WriteLineAsync($"Deleted tenant {tenantId} from {db.Describe}: {deleted.Values.Sum()} rows from {deleted.Count(d => d.Value > 0)} tables.");
        return 0;
    }
}
