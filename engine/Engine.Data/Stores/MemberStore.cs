using Dapper;
using Engine.Core.Members;
using Engine.Data.Sqlite;
using System.Data.Common;

namespace Engine.Data.Stores;

public sealed class MemberStore(Database db) : IMemberStore
{
    private const string Select = """
        SELECT tenant_id, id, email, normalized_email, display_name, password_hash, security_stamp, role,
               lockout_end, access_failed_count, blocked, created_at, email_confirmed
        FROM members
        """;

    public async Task<bool> AddAsync(Member member, CancellationToken ct = default)
    {
        try
        {
            member.Id = await db.WriteAsync((c, tx) =>
            {
                var id = Sequences.Next(c, tx, member.TenantId, "member");
                c.Execute($"""
                    INSERT INTO members (tenant_id, id, email, normalized_email, display_name, password_hash, security_stamp,
                                         role, lockout_end, access_failed_count, created_at)
                    VALUES (@TenantId, @id, @Email, @NormalizedEmail, @DisplayName, @PasswordHash, @SecurityStamp,
                            @Role, @lockoutEnd, @AccessFailedCount, @createdAt)
                    """, Args(member, id), tx);
                return id;
            }, ct);
            return true;
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e)) // the email is taken
        {
            return false;
        }
    }

    public Task UpdateAsync(Member member, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("""
            UPDATE members SET email = @Email, normalized_email = @NormalizedEmail, display_name = @DisplayName,
                   password_hash = @PasswordHash, security_stamp = @SecurityStamp, role = @Role,
                   lockout_end = @lockoutEnd, access_failed_count = @AccessFailedCount, blocked = @Blocked,
                   email_confirmed = @EmailConfirmed
            WHERE tenant_id = @TenantId AND id = @id
            """, Args(member, member.Id), tx), ct);

    public async Task<Member?> FindByIdAsync(string tenantId, long id, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id }))?.ToMember();
    }

    public async Task<Member?> FindByEmailAsync(string tenantId, string normalizedEmail, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE tenant_id = @tenantId AND normalized_email = @normalizedEmail",
            new { tenantId, normalizedEmail }))?.ToMember();
    }

    public async Task<IReadOnlyList<Member>> SearchAsync(string tenantId, string? text, int limit, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var like = $"%{(text ?? "").Trim().Replace("%", "").Replace("_", "")}%";
        var rows = await c.QueryAsync<Row>($"""
            {Select} WHERE tenant_id = @tenantId AND (lower(display_name) LIKE lower(@like) OR lower(email) LIKE lower(@like))
            ORDER BY display_name LIMIT @limit
            """, new { tenantId, like, limit });
        return rows.Select(r => r.ToMember()).ToList();
    }

    public async Task<IReadOnlyList<Member>> WithRolesAsync(string tenantId, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<Row>($"""
            {Select} WHERE tenant_id = @tenantId AND {db.IsIn("role", "roles")} AND blocked = 0
            ORDER BY display_name
            """, new { tenantId, roles = roles.ToArray() });
        return rows.Select(r => r.ToMember()).ToList();
    }

    public Task AddTokenAsync(string tenantId, long memberId, string tokenHash, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "INSERT INTO member_tokens (tenant_id, token_hash, member_id, created_at) VALUES (@tenantId, @tokenHash, @memberId, @now)",
            new { tenantId, tokenHash, memberId, now = now.ToUnixMs() }, tx), ct);

    public async Task<Member?> FindByTokenAsync(string tenantId, string tokenHash, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QuerySingleOrDefaultAsync<Row>($"""
            {Select} WHERE tenant_id = @tenantId AND id =
              (SELECT member_id FROM member_tokens WHERE tenant_id = @tenantId AND token_hash = @tokenHash)
            """, new { tenantId, tokenHash }))?.ToMember();
    }

    private static object Args(Member m, long id) => new
    {
        m.TenantId, id, m.Email, m.NormalizedEmail, m.DisplayName, m.PasswordHash, m.SecurityStamp, m.Role,
        lockoutEnd = m.LockoutEnd?.ToUnixMs(), m.AccessFailedCount, m.Blocked, m.EmailConfirmed, createdAt = m.CreatedAt.ToUnixMs(),
    };

    private sealed record Row(string TenantId, long Id, string Email, string NormalizedEmail, string DisplayName, string? PasswordHash,
        string SecurityStamp, string Role, long? LockoutEnd, long AccessFailedCount, long Blocked, long CreatedAt, long EmailConfirmed)
    {
        public Member ToMember() => new()
        {
            TenantId = TenantId, Id = Id, Email = Email, NormalizedEmail = NormalizedEmail, DisplayName = DisplayName,
            PasswordHash = PasswordHash, SecurityStamp = SecurityStamp, Role = Role, LockoutEnd = Time.FromUnixMs(LockoutEnd),
            AccessFailedCount = (int)AccessFailedCount, Blocked = Blocked != 0, EmailConfirmed = EmailConfirmed != 0, CreatedAt = Time.FromUnixMs(CreatedAt),
        };
    }
}
