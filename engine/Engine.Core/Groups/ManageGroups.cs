using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Moderation;

namespace Engine.Core.Groups;

/// <summary>An invite link just made: <see cref="Token"/> is shown once, to the admin who made it; the store keeps only its hash.</summary>
public sealed record NewInvite(long Id, string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// An admin's groups: making them, putting members in and taking them out, and invite links that expire and can be revoked.
/// A member who opens a working link joins its group; a challenge whose audience is "invited" has a group of its own
/// (<see cref="Audience.InvitedGroup"/>), so its links are made the same way. Every change is audited.
/// </summary>
public sealed partial class ManageGroups(IGroupStore groups, IChallengeStore challenges, IModerationStore audit, TimeProvider clock)
{
    public const int MaxInviteDays = 90;

    public async Task<Outcome<Group>> CreateAsync(string tenantId, long actorId, string? slug, string? name, CancellationToken ct = default)
    {
        if (!Slug().IsMatch(slug ?? "") || slug!.StartsWith("invited-to-", StringComparison.Ordinal))
            return Error.Invalid("slug", "Use lower-case letters, digits and hyphens, such as 'leeds-trust' (not starting 'invited-to-').").Keyed("admin.groups.slug-format");
        if (TextRules.Check("name", name, 2, 100, out var trimmed) is { } nameError) return nameError;
        if (!await groups.CreateAsync(tenantId, slug, trimmed, clock.GetUtcNow(), ct))
            return new Error(ErrorKind.Conflict, $"A group called '{slug}' already exists.", "slug").Keyed("admin.groups.exists", slug);
        await audit.AuditAsync(tenantId, actorId, "group.created", $"group {slug}", trimmed, clock.GetUtcNow(), ct);
        return new Group(slug, trimmed, 0);
    }

    /// <summary>Gives the group a new name as people read it; its slug, which tenant.json and challenges name it by, stays.</summary>
    public async Task<Outcome<Group>> RenameAsync(string tenantId, long actorId, string slug, string? name, CancellationToken ct = default)
    {
        if (TextRules.Check("name", name, 2, 100, out var trimmed) is { } nameError) return nameError;
        if ((await groups.ListAsync(tenantId, ct)).FirstOrDefault(g => g.Slug == slug) is not { } group) return Error.NotFound("Group");
        if (group.Name == trimmed) return group;
        await groups.RenameAsync(tenantId, slug, trimmed, ct);
        await audit.AuditAsync(tenantId, actorId, "group.renamed", $"group {slug}", $"{group.Name} -> {trimmed}", clock.GetUtcNow(), ct);
        return group with { Name = trimmed };
    }

    /// <summary>
    /// Deletes the group with its members and invite links. Refused while a challenge's audience names it, naming those
    /// challenges: taking the group out of their audience instead could leave one with no group, and a challenge must never
    /// become open to everyone by accident. The admin changes the challenges' audience first, on purpose.
    /// </summary>
    public async Task<Outcome<bool>> DeleteAsync(string tenantId, long actorId, string slug, CancellationToken ct = default)
    {
        if ((await groups.ListAsync(tenantId, ct)).FirstOrDefault(g => g.Slug == slug) is not { } group) return Error.NotFound("Group");
        var seeing = (await challenges.ListAsync(tenantId, ct))
            .Where(c => c.Audience.Kind == AudienceKind.Groups && c.Audience.Groups.Contains(slug)).Select(c => $"'{c.Title}'").ToList();
        if (seeing.Count > 0)
        {
            var titles = string.Join(", ", seeing);
            return new Error(ErrorKind.Conflict,
                $"The group '{group.Name}' cannot be deleted: only its members see {titles}. Choose another audience for them first.", "delete")
                .Keyed("admin.groups.in-use", group.Name, titles);
        }
        await groups.DeleteAsync(tenantId, slug, ct);
        await audit.AuditAsync(tenantId, actorId, "group.deleted", $"group {slug}", $"{group.Name}, {group.MemberCount} members", clock.GetUtcNow(), ct);
        return true;
    }

    /// <summary>The group's members; "not found" for a group that does not exist (here: another site's is not found either).</summary>
    public async Task<Outcome<IReadOnlyList<GroupMember>>> MembersAsync(string tenantId, string slug, CancellationToken ct = default) =>
        await FindAsync(tenantId, slug, ct) is { } missing ? missing : Outcome<IReadOnlyList<GroupMember>>.From(await groups.MembersAsync(tenantId, slug, ct));

    public async Task<Outcome<IReadOnlyList<GroupInvite>>> InvitesAsync(string tenantId, string slug, CancellationToken ct = default) =>
        await FindAsync(tenantId, slug, ct) is { } missing ? missing : Outcome<IReadOnlyList<GroupInvite>>.From(await groups.InvitesAsync(tenantId, slug, ct));

    public async Task<Outcome<bool>> AddMemberAsync(string tenantId, long actorId, string slug, long memberId, CancellationToken ct = default)
    {
        if (await FindAsync(tenantId, slug, ct) is { } missing) return missing;
        await groups.AddMemberAsync(tenantId, slug, memberId, JoinedBy.Admin, clock.GetUtcNow(), ct);
        await audit.AuditAsync(tenantId, actorId, "group.member-added", $"group {slug}", $"member {memberId}", clock.GetUtcNow(), ct);
        return true;
    }

    public async Task<Outcome<bool>> RemoveMemberAsync(string tenantId, long actorId, string slug, long memberId, CancellationToken ct = default)
    {
        if (!await groups.RemoveMemberAsync(tenantId, slug, memberId, ct)) return Error.NotFound("Member of the group");
        await audit.AuditAsync(tenantId, actorId, "group.member-removed", $"group {slug}", $"member {memberId}", clock.GetUtcNow(), ct);
        return true;
    }

    /// <summary>A link into the group (or the invited challenge's own group), working for <paramref name="days"/> days unless revoked first.</summary>
    public async Task<Outcome<NewInvite>> InviteAsync(string tenantId, long actorId, string slug, int days, CancellationToken ct = default)
    {
        if (days is < 1 or > MaxInviteDays) return Error.Invalid("days", $"An invite link works for 1 to {MaxInviteDays} days.").Keyed("admin.groups.invite-days", MaxInviteDays);
        if (await FindAsync(tenantId, slug, ct) is { } missing) return missing;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var expires = now.AddDays(days);
        var id = await groups.CreateInviteAsync(tenantId, slug, Hash(token), expires, actorId, now, ct);
        await audit.AuditAsync(tenantId, actorId, "group.invite-made", $"group {slug}", $"invite {id}, until {expires:u}", now, ct);
        return new NewInvite(id, token, expires);
    }

    public async Task<Outcome<bool>> RevokeAsync(string tenantId, long actorId, long inviteId, CancellationToken ct = default)
    {
        if (!await groups.RevokeInviteAsync(tenantId, inviteId, clock.GetUtcNow(), ct)) return Error.NotFound("Invite link");
        await audit.AuditAsync(tenantId, actorId, "group.invite-revoked", $"invite {inviteId}", "", clock.GetUtcNow(), ct);
        return true;
    }

    /// <summary>
    /// The member opened an invite link: they join its group, and learn where to go (the invited challenge, if it is one).
    /// A link that is unknown, expired or revoked is "not found" alike, so guessing tells nothing.
    /// </summary>
    public async Task<Outcome<string>> JoinAsync(string tenantId, long memberId, string? token, CancellationToken ct = default)
    {
        var invite = string.IsNullOrEmpty(token) || token.Length > 100 ? null : await groups.FindInviteAsync(tenantId, Hash(token), ct);
        if (invite is null || !invite.WorksAt(clock.GetUtcNow()))
            return Error.NotFound("Invite link");
        await groups.AddMemberAsync(tenantId, invite.GroupSlug, memberId, JoinedBy.Invite, clock.GetUtcNow(), ct);
        return invite.GroupSlug.StartsWith("invited-to-", StringComparison.Ordinal) ? invite.GroupSlug["invited-to-".Length..] : "";
    }

    /// <summary>Null when the group exists: one an admin made, or the own group of a challenge whose audience is "invited".</summary>
    private async Task<Error?> FindAsync(string tenantId, string slug, CancellationToken ct)
    {
        if (slug.StartsWith("invited-to-", StringComparison.Ordinal))
            return await challenges.FindBySlugAsync(tenantId, slug["invited-to-".Length..], ct) is { Audience.Kind: AudienceKind.Invited }
                ? null : Error.NotFound("Group");
        return (await groups.ListAsync(tenantId, ct)).Any(g => g.Slug == slug) ? null : Error.NotFound("Group");
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")] private static partial Regex Slug();
}
