using Dapper;
using Engine.Core.Members;

namespace Engine.Data.Stores;

public sealed class ExternalLoginStore(Database db) : IExternalLoginStore
{
    public async Task<long?> FindMemberAsync(string tenantId, string provider, string subject, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return await c.QuerySingleOrDefaultAsync<long?>(
            "SELECT member_id FROM external_logins WHERE tenant_id = @tenantId AND provider = @provider AND subject = @subject",
            new { tenantId, provider, subject });
    }

    public Task LinkAsync(string tenantId, string provider, string subject, long memberId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("""
            INSERT INTO external_logins (tenant_id, provider, subject, member_id, created_at) VALUES (@tenantId, @provider, @subject, @memberId, @now)
            ON CONFLICT (tenant_id, provider, subject) DO NOTHING
            """, new { tenantId, provider, subject, memberId, now = now.ToUnixMs() }, tx), ct);
}
