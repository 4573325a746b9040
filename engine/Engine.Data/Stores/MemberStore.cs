using Dapper;
using Engine.Data.GroupCommit;
using Engine.Core.Members;
using Engine.Core.Common;
using System.Data.Common;

namespace Engine.Data.Stores;

public sealed class MemberStore(Database db) : IMemberStore
{
    private const string Select = """
        SELECT tenant_id, id, email, normalized_email, display_name, password_hash, security_stamp, role,
               lockout_end, access_failed_count, blocked, created_at, email_confirmed, language, authenticator_key, two_factor_enabled
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
                   email_confirmed = @EmailConfirmed, language = @Language,
                   authenticator_key = @AuthenticatorKey, two_factor_enabled = @TwoFactorEnabled
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
            {Select} WHERE tenant_id = @tenantId AND deleted_at IS NULL AND (lower(display_name) LIKE lower(@like) OR lower(email) LIKE lower(@like))
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

    public Task SetLanguageAsync(string tenantId, long memberId, string language, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("UPDATE members SET language = @language WHERE tenant_id = @tenantId AND id = @memberId",
            new { tenantId, memberId, language }, tx), ct);

    public Task AddTokenAsync(MemberToken token, CancellationToken ct = default) =>
        db.WriteAsync(token.TenantId, (c, tx) =>
        {
            token.Id = Sequences.Next(c, tx, token.TenantId, "token");
            return c.Execute("""
                INSERT INTO member_tokens (tenant_id, id, token_hash, member_id, name, security_stamp, created_at, expires_at)
                VALUES (@TenantId, @Id, @Hash, @MemberId, @Name, @SecurityStamp, @createdAt, @expiresAt)
                """, new { token.TenantId, token.Id, token.Hash, token.MemberId, token.Name, token.SecurityStamp,
                    createdAt = token.CreatedAt.ToUnixMs(), expiresAt = token.ExpiresAt.ToUnixMs() }, tx);
        }, ct);

    private const string SelectToken = """
        SELECT tenant_id, id, member_id, token_hash, name, security_stamp, created_at, last_used_at, expires_at FROM member_tokens
        """;

    public async Task<(Member Member, MemberToken Token)?> FindByTokenAsync(string tenantId, string tokenHash, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var token = (await c.QuerySingleOrDefaultAsync<TokenRow>($"{SelectToken} WHERE tenant_id = @tenantId AND token_hash = @tokenHash AND expires_at > @now",
            new { tenantId, tokenHash, now = now.ToUnixMs() }))?.ToToken();
        if (token is null) return null;
        var member = (await c.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE tenant_id = @tenantId AND id = @MemberId", new { tenantId, token.MemberId }))?.ToMember();
        return member is null ? null : (member, token);
    }

    /// <summary>
    /// A statement, so that it goes to the server in one batch with the votes it is grouped with. Ordered before the tenant's
    /// votes by token (no idea has id -1): two nodes recording the same tokens in one group each lock them in one order.
    /// </summary>
    public Task TouchTokenAsync(string tenantId, long tokenId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, WriteScope.Records, new Statement<bool>("UPDATE member_tokens SET last_used_at = @now WHERE tenant_id = @tenantId AND id = @tokenId RETURNING id",
            TouchNames, [now.ToUnixMs(), tenantId, tokenId], reader => reader.Read()) { Order = new RowOrder(tenantId, -1, tokenId) }, ct);

    private static readonly string[] TouchNames = ["now", "tenantId", "tokenId"];

    public async Task<IReadOnlyList<MemberToken>> TokensOfAsync(string tenantId, long memberId, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<TokenRow>($"{SelectToken} WHERE tenant_id = @tenantId AND member_id = @memberId AND expires_at > @now ORDER BY id DESC",
            new { tenantId, memberId, now = now.ToUnixMs() });
        return rows.Select(r => r.ToToken()).ToList();
    }

    public Task<bool> RevokeTokenAsync(string tenantId, long memberId, long tokenId, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("DELETE FROM member_tokens WHERE tenant_id = @tenantId AND member_id = @memberId AND id = @tokenId",
            new { tenantId, memberId, tokenId }, tx) > 0, ct);

    public Task EndSessionAsync(string tenantId, long memberId, string sessionId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("""
            INSERT INTO ended_sessions (tenant_id, session_id, member_id, ended_at) VALUES (@tenantId, @sessionId, @memberId, @now)
            ON CONFLICT (tenant_id, session_id) DO NOTHING
            """, new { tenantId, sessionId, memberId, now = now.ToUnixMs() }, tx), ct);

    public async Task<bool> IsSessionEndedAsync(string tenantId, string sessionId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ended_sessions WHERE tenant_id = @tenantId AND session_id = @sessionId",
            new { tenantId, sessionId }) > 0;
    }

    private sealed record TokenRow(string TenantId, long Id, long MemberId, string TokenHash, string Name, string SecurityStamp,
        long CreatedAt, long? LastUsedAt, long ExpiresAt)
    {
        public MemberToken ToToken() => new()
        {
            TenantId = TenantId, Id = Id, MemberId = MemberId, Hash = TokenHash, Name = Name, SecurityStamp = SecurityStamp,
            CreatedAt = Time.FromUnixMs(CreatedAt), LastUsedAt = Time.FromUnixMs(LastUsedAt), ExpiresAt = Time.FromUnixMs(ExpiresAt),
        };
    }

    private static object Args(Member m, long id) => new
    {
        m.TenantId, id, m.Email, m.NormalizedEmail, m.DisplayName, m.PasswordHash, m.SecurityStamp, m.Role,
        lockoutEnd = m.LockoutEnd?.ToUnixMs(), m.AccessFailedCount, m.Blocked, m.EmailConfirmed, createdAt = m.CreatedAt.ToUnixMs(), m.Language,
        m.AuthenticatorKey, m.TwoFactorEnabled,
    };

    private sealed record Row(string TenantId, long Id, string Email, string NormalizedEmail, string DisplayName, string? PasswordHash,
        string SecurityStamp, string Role, long? LockoutEnd, long AccessFailedCount, long Blocked, long CreatedAt, long EmailConfirmed, string? Language,
        string? AuthenticatorKey, long TwoFactorEnabled)
    {
        public Member ToMember() => new()
        {
            TenantId = TenantId, Id = Id, Email = Email, NormalizedEmail = NormalizedEmail, DisplayName = DisplayName,
            PasswordHash = PasswordHash, SecurityStamp = SecurityStamp, Role = Role, LockoutEnd = Time.FromUnixMs(LockoutEnd),
            AccessFailedCount = (int)AccessFailedCount, Blocked = Blocked != 0, EmailConfirmed = EmailConfirmed != 0, CreatedAt = Time.FromUnixMs(CreatedAt),
            Language = Language, AuthenticatorKey = AuthenticatorKey, TwoFactorEnabled = TwoFactorEnabled != 0,
        };
    }
}
