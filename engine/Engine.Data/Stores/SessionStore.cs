using Dapper;
using Engine.Core.Common;
using Engine.Core.Members;

namespace Engine.Data.Stores;

public sealed class SessionStore(Database db) : ISessionStore
{
    // Not a change anyone else sees: kept out of the writes that drop the tenant's cached pages and members.
    public Task StartAsync(string tenantId, MemberSession session, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, WriteScope.Records, (c, tx) => c.Execute("""
            INSERT INTO member_sessions (tenant_id, session_id, member_id, started_at, how, device)
            VALUES (@tenantId, @SessionId, @MemberId, @startedAt, @How, @Device)
            ON CONFLICT (tenant_id, session_id) DO NOTHING
            """, new { tenantId, session.SessionId, session.MemberId, startedAt = session.StartedAt.ToUnixMs(), session.How, session.Device }, tx), ct);

    public async Task<IReadOnlyList<MemberSession>> OpenAsync(string tenantId, long memberId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<Row>("""
            SELECT s.session_id, s.member_id, s.started_at, s.how, s.device FROM member_sessions s
            WHERE s.tenant_id = @tenantId AND s.member_id = @memberId
              AND NOT EXISTS (SELECT 1 FROM ended_sessions e WHERE e.tenant_id = s.tenant_id AND e.session_id = s.session_id)
            ORDER BY s.started_at DESC, s.session_id
            """, new { tenantId, memberId });
        return rows.Select(r => new MemberSession(r.SessionId, r.MemberId, Time.FromUnixMs(r.StartedAt), r.How, r.Device)).ToList();
    }

    private sealed record Row(string SessionId, long MemberId, long StartedAt, string How, string Device);
}
