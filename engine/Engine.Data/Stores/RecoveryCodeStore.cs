using Dapper;
using Engine.Core.Members;

namespace Engine.Data.Stores;

public sealed class RecoveryCodeStore(Database db) : IRecoveryCodeStore
{
    public Task ReplaceAsync(string tenantId, long memberId, IReadOnlyCollection<string> codeHashes, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            c.Execute("DELETE FROM recovery_codes WHERE tenant_id = @tenantId AND member_id = @memberId", new { tenantId, memberId }, tx);
            foreach (var codeHash in codeHashes.Distinct())
                c.Execute("INSERT INTO recovery_codes (tenant_id, member_id, code_hash) VALUES (@tenantId, @memberId, @codeHash)",
                    new { tenantId, memberId, codeHash }, tx);
            return 0;
        }, ct);

    // The delete decides: of two requests with the same code, only one deletes its row.
    public Task<bool> RedeemAsync(string tenantId, long memberId, string codeHash, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute(
            "DELETE FROM recovery_codes WHERE tenant_id = @tenantId AND member_id = @memberId AND code_hash = @codeHash",
            new { tenantId, memberId, codeHash }, tx) > 0, ct);

    public async Task<int> CountAsync(string tenantId, long memberId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (int)await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM recovery_codes WHERE tenant_id = @tenantId AND member_id = @memberId",
            new { tenantId, memberId });
    }
}
