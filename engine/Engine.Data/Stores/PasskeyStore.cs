using Dapper;
using Engine.Core.Common;
using Engine.Core.Members;

namespace Engine.Data.Stores;

public sealed class PasskeyStore(Database db) : IPasskeyStore
{
    // Records only: no page anyone else sees, and no kept read, shows a member's passkeys.
    public Task SaveAsync(string tenantId, MemberPasskey passkey, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, WriteScope.Records, (c, tx) => c.Execute("""
            INSERT INTO member_passkeys (tenant_id, credential_id, member_id, name, created_at, data)
            VALUES (@tenantId, @CredentialId, @MemberId, @Name, @createdAt, @Data)
            ON CONFLICT (tenant_id, credential_id) DO UPDATE SET name = excluded.name, data = excluded.data
            WHERE member_passkeys.member_id = excluded.member_id
            """, new { tenantId, passkey.CredentialId, passkey.MemberId, passkey.Name, createdAt = passkey.CreatedAt.ToUnixMs(), passkey.Data }, tx), ct);

    public async Task<IReadOnlyList<MemberPasskey>> ListAsync(string tenantId, long memberId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<Row>("""
            SELECT credential_id, member_id, name, created_at, data FROM member_passkeys
            WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY created_at, credential_id
            """, new { tenantId, memberId });
        return rows.Select(r => r.ToPasskey()).ToList();
    }

    public async Task<MemberPasskey?> FindAsync(string tenantId, string credentialId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<Row>("""
            SELECT credential_id, member_id, name, created_at, data FROM member_passkeys
            WHERE tenant_id = @tenantId AND credential_id = @credentialId
            """, new { tenantId, credentialId });
        return row?.ToPasskey();
    }

    public Task<bool> RemoveAsync(string tenantId, long memberId, string credentialId, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, WriteScope.Records, (c, tx) => c.Execute(
            "DELETE FROM member_passkeys WHERE tenant_id = @tenantId AND member_id = @memberId AND credential_id = @credentialId",
            new { tenantId, memberId, credentialId }, tx) > 0, ct);

    private sealed record Row(string CredentialId, long MemberId, string Name, long CreatedAt, string Data)
    {
        public MemberPasskey ToPasskey() => new(CredentialId, MemberId, Name, Time.FromUnixMs(CreatedAt), Data);
    }
}
