using Dapper;
using Engine.Core.Groups;

namespace Engine.Data.Stores;

public sealed class GroupStore(Database db) : IGroupStore
{
    public async Task<IReadOnlyList<Group>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(string Slug, string Name, long Members)>("""
            SELECT g.slug, g.name, (SELECT COUNT(*) FROM group_members m WHERE m.tenant_id = g.tenant_id AND m.group_slug = g.slug)
            FROM member_groups g WHERE g.tenant_id = @tenantId ORDER BY g.name, g.slug
            """, new { tenantId });
        return rows.Select(r => new Group(r.Slug, r.Name, (int)r.Members)).ToList();
    }

    public Task<bool> CreateAsync(string tenantId, string slug, string name, DateTimeOffset at, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("""
            INSERT INTO member_groups (tenant_id, slug, name, created_at) VALUES (@tenantId, @slug, @name, @at)
            ON CONFLICT (tenant_id, slug) DO NOTHING
            """, new { tenantId, slug, name, at = at.ToUnixMs() }, tx) == 1, ct);

    public Task RenameAsync(string tenantId, string slug, string name, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("UPDATE member_groups SET name = @name WHERE tenant_id = @tenantId AND slug = @slug",
            new { tenantId, slug, name }, tx), ct);

    public Task DeleteAsync(string tenantId, string slug, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            var keys = new { tenantId, slug };
            c.Execute("DELETE FROM group_invites WHERE tenant_id = @tenantId AND group_slug = @slug", keys, tx);
            c.Execute("DELETE FROM group_members WHERE tenant_id = @tenantId AND group_slug = @slug", keys, tx);
            return c.Execute("DELETE FROM member_groups WHERE tenant_id = @tenantId AND slug = @slug", keys, tx);
        }, ct);

    public async Task<IReadOnlyList<string>> GroupsOfAsync(string tenantId, long memberId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<string>("SELECT group_slug FROM group_members WHERE tenant_id = @tenantId AND member_id = @memberId",
            new { tenantId, memberId })).ToList();
    }

    public async Task<IReadOnlyList<GroupMember>> MembersAsync(string tenantId, string slug, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long MemberId, string DisplayName, string JoinedBy, long JoinedAt)>("""
            SELECT g.member_id, m.display_name, g.joined_by, g.joined_at
            FROM group_members g JOIN members m ON m.tenant_id = g.tenant_id AND m.id = g.member_id
            WHERE g.tenant_id = @tenantId AND g.group_slug = @slug ORDER BY m.display_name, g.member_id
            """, new { tenantId, slug });
        return rows.Select(r => new GroupMember(r.MemberId, r.DisplayName, r.JoinedBy, Time.FromUnixMs(r.JoinedAt))).ToList();
    }

    public Task AddMemberAsync(string tenantId, string slug, long memberId, string joinedBy, DateTimeOffset at, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute(Join, new { tenantId, slug, memberId, joinedBy, at = at.ToUnixMs() }, tx), ct);

    public Task<bool> RemoveMemberAsync(string tenantId, string slug, long memberId, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("DELETE FROM group_members WHERE tenant_id = @tenantId AND group_slug = @slug AND member_id = @memberId",
            new { tenantId, slug, memberId }, tx) == 1, ct);

    public Task SetSignInGroupsAsync(string tenantId, long memberId, IReadOnlyCollection<string> slugs, DateTimeOffset at, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            var had = c.Query<string>("SELECT group_slug FROM group_members WHERE tenant_id = @tenantId AND member_id = @memberId AND joined_by = @signIn",
                new { tenantId, memberId, signIn = JoinedBy.SignIn }, tx).ToList();
            foreach (var slug in had.Except(slugs))
                c.Execute("DELETE FROM group_members WHERE tenant_id = @tenantId AND group_slug = @slug AND member_id = @memberId", new { tenantId, slug, memberId }, tx);
            foreach (var slug in slugs.Except(had))
                c.Execute(Join, new { tenantId, slug, memberId, joinedBy = JoinedBy.SignIn, at = at.ToUnixMs() }, tx);
            return 0;
        }, ct);

    private const string Join = """
        INSERT INTO group_members (tenant_id, group_slug, member_id, joined_by, joined_at) VALUES (@tenantId, @slug, @memberId, @joinedBy, @at)
        ON CONFLICT (tenant_id, group_slug, member_id) DO NOTHING
        """;

    public Task<long> CreateInviteAsync(string tenantId, string slug, string tokenHash, DateTimeOffset expiresAt, long createdBy, DateTimeOffset at, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            var id = Sequences.Next(c, tx, tenantId, "group-invite");
            c.Execute("""
                INSERT INTO group_invites (tenant_id, id, token_hash, group_slug, expires_at, created_by, created_at)
                VALUES (@tenantId, @id, @tokenHash, @slug, @expiresAt, @createdBy, @at)
                """, new { tenantId, id, tokenHash, slug, expiresAt = expiresAt.ToUnixMs(), createdBy, at = at.ToUnixMs() }, tx);
            return id;
        }, ct);

    private const string SelectInvite = "SELECT id, group_slug, expires_at, revoked_at, created_at FROM group_invites WHERE tenant_id = @tenantId";

    public async Task<GroupInvite?> FindInviteAsync(string tenantId, string tokenHash, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<InviteRow>($"{SelectInvite} AND token_hash = @tokenHash", new { tenantId, tokenHash });
        return row?.ToInvite();
    }

    public async Task<IReadOnlyList<GroupInvite>> InvitesAsync(string tenantId, string slug, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<InviteRow>($"{SelectInvite} AND group_slug = @slug ORDER BY id DESC", new { tenantId, slug })).Select(r => r.ToInvite()).ToList();
    }

    public Task<bool> RevokeInviteAsync(string tenantId, long id, DateTimeOffset at, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("UPDATE group_invites SET revoked_at = @at WHERE tenant_id = @tenantId AND id = @id AND revoked_at IS NULL",
            new { tenantId, id, at = at.ToUnixMs() }, tx) == 1, ct);

    private sealed class InviteRow
    {
        public long Id { get; init; }
        public string GroupSlug { get; init; } = "";
        public long ExpiresAt { get; init; }
        public long? RevokedAt { get; init; }
        public long CreatedAt { get; init; }

        public GroupInvite ToInvite() => new(Id, GroupSlug, Time.FromUnixMs(ExpiresAt), Time.FromUnixMs(RevokedAt), Time.FromUnixMs(CreatedAt));
    }
}
