namespace Engine.Core.Groups;

/// <summary>A group of a site's members (an organisation, a trust, a team) that private challenges can be opened to.</summary>
public sealed record Group(string Slug, string Name, int MemberCount);

/// <summary>How a member came to be in a group: an admin put them there, they opened an invite link, or their sign-in provider says so.</summary>
public static class JoinedBy
{
    public const string Admin = "admin";
    public const string Invite = "invite";
    /// <summary>From a provider's group claim: checked again at every sign-in, so a group taken away there is taken away here.</summary>
    public const string SignIn = "sign-in";
}

public sealed record GroupMember(long MemberId, string DisplayName, string JoinedBy, DateTimeOffset JoinedAt);

/// <summary>An invite link into a group; only the hash of its secret is kept, so a lost database does not give the links away.</summary>
public sealed record GroupInvite(long Id, string GroupSlug, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset CreatedAt)
{
    public bool WorksAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}

public interface IGroupStore
{
    Task<IReadOnlyList<Group>> ListAsync(string tenantId, CancellationToken ct = default);
    /// <summary>False if the slug is taken.</summary>
    Task<bool> CreateAsync(string tenantId, string slug, string name, DateTimeOffset at, CancellationToken ct = default);
    /// <summary>Changes the group's name as people read it.</summary>
    Task RenameAsync(string tenantId, string slug, string name, CancellationToken ct = default);
    /// <summary>Deletes the group, its members' places in it and its invite links, in one transaction.</summary>
    Task DeleteAsync(string tenantId, string slug, CancellationToken ct = default);
    /// <summary>The slugs of the groups a member is in (an invited challenge's group too).</summary>
    Task<IReadOnlyList<string>> GroupsOfAsync(string tenantId, long memberId, CancellationToken ct = default);
    Task<IReadOnlyList<GroupMember>> MembersAsync(string tenantId, string slug, CancellationToken ct = default);
    /// <summary>Puts the member in the group; one already there keeps the way they first joined.</summary>
    Task AddMemberAsync(string tenantId, string slug, long memberId, string joinedBy, DateTimeOffset at, CancellationToken ct = default);
    Task<bool> RemoveMemberAsync(string tenantId, string slug, long memberId, CancellationToken ct = default);
    /// <summary>Makes the member's groups from sign-in exactly <paramref name="slugs"/>: joins the new ones, leaves those the provider no longer names.</summary>
    Task SetSignInGroupsAsync(string tenantId, long memberId, IReadOnlyCollection<string> slugs, DateTimeOffset at, CancellationToken ct = default);
    Task<long> CreateInviteAsync(string tenantId, string slug, string tokenHash, DateTimeOffset expiresAt, long createdBy, DateTimeOffset at, CancellationToken ct = default);
    Task<GroupInvite?> FindInviteAsync(string tenantId, string tokenHash, CancellationToken ct = default);
    Task<IReadOnlyList<GroupInvite>> InvitesAsync(string tenantId, string slug, CancellationToken ct = default);
    /// <summary>False if there is no such link, or it was revoked already.</summary>
    Task<bool> RevokeInviteAsync(string tenantId, long id, DateTimeOffset at, CancellationToken ct = default);
}
