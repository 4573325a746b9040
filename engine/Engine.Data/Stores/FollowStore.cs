using Dapper;
using Engine.Core.Following;

namespace Engine.Data.Stores;

public sealed class FollowStore(Database db) : IFollowStore
{
    private static string Key(FollowKind kind) => kind == FollowKind.Idea ? "idea" : "challenge";

    public Task<bool> FollowAsync(string tenantId, FollowKind kind, long targetId, long memberId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("""
            INSERT INTO follows (tenant_id, kind, target_id, member_id, created_at) VALUES (@tenantId, @kind, @targetId, @memberId, @now)
            ON CONFLICT (tenant_id, kind, target_id, member_id) DO NOTHING
            """, new { tenantId, kind = Key(kind), targetId, memberId, now = now.ToUnixMs() }, tx) == 1, ct);

    public Task<bool> UnfollowAsync(string tenantId, FollowKind kind, long targetId, long memberId, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute(
            "DELETE FROM follows WHERE tenant_id = @tenantId AND kind = @kind AND target_id = @targetId AND member_id = @memberId",
            new { tenantId, kind = Key(kind), targetId, memberId }, tx) == 1, ct);

    public async Task<bool> IsFollowingAsync(string tenantId, FollowKind kind, long targetId, long memberId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM follows WHERE tenant_id = @tenantId AND kind = @kind AND target_id = @targetId AND member_id = @memberId",
            new { tenantId, kind = Key(kind), targetId, memberId }) > 0;
    }

    public async Task<IReadOnlyList<long>> FollowersAsync(string tenantId, FollowKind kind, long targetId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<long>(
            "SELECT member_id FROM follows WHERE tenant_id = @tenantId AND kind = @kind AND target_id = @targetId ORDER BY member_id",
            new { tenantId, kind = Key(kind), targetId })).ToList();
    }

    public async Task<Followed> FollowedByAsync(string tenantId, long memberId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = (await c.QueryAsync<(string Kind, long TargetId)>(
            "SELECT kind, target_id FROM follows WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY kind, target_id",
            new { tenantId, memberId })).ToList();
        return new Followed(rows.Where(r => r.Kind == "idea").Select(r => r.TargetId).ToList(),
            rows.Where(r => r.Kind == "challenge").Select(r => r.TargetId).ToList());
    }
}
