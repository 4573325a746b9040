using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.Administration;

/// <summary>
/// The switches an admin changes at run time. They are stored in the database and layered on top of
/// tenant.json (engine defaults &lt; tenant.json &lt; these), and take effect at once.
/// </summary>
public sealed record SiteSettings(bool? AnonymousPosting, bool? DownVotes)
{
    public static readonly SiteSettings None = new(null, null);

    public TenantFeatures Apply(TenantFeatures fromFile) => new()
    {
        AnonymousPosting = AnonymousPosting ?? fromFile.AnonymousPosting,
        DownVotes = DownVotes ?? fromFile.DownVotes,
    };
}

public interface ISiteSettingsStore
{
    Task<IReadOnlyDictionary<string, SiteSettings>> AllAsync(CancellationToken ct = default);
    Task SaveAsync(string tenantId, SiteSettings settings, long actorId, DateTimeOffset now, CancellationToken ct = default);
}

/// <summary>An admin turns anonymous posting or thumbs-down on or off; the change is audited with before and after.</summary>
public sealed class ChangeSiteSettings(ISiteSettingsStore settings, IModerationStore audit, TimeProvider clock)
{
    public async Task<Outcome<SiteSettings>> HandleAsync(TenantDefinition effective, long actorId, bool anonymousPosting, bool downVotes, CancellationToken ct = default)
    {
        var before = effective.Features;
        var next = new SiteSettings(anonymousPosting, downVotes);
        var now = clock.GetUtcNow();
        await settings.SaveAsync(effective.Id, next, actorId, now, ct);
        foreach (var (name, was, becomes) in new[] { ("anonymousPosting", before.AnonymousPosting, anonymousPosting), ("downVotes", before.DownVotes, downVotes) })
            if (was != becomes)
                await audit.AuditAsync(effective.Id, actorId, "setting.changed", $"features.{name}", $"{Word(was)} -> {Word(becomes)}", now, ct);
        return next;
    }

    private static string Word(bool on) => on ? "on" : "off";
}

/// <summary>An admin gives a member a role on this tenant; audited.</summary>
public sealed class ChangeRole(Members.IMemberStore members, IModerationStore audit, TimeProvider clock)
{
    public async Task<Outcome<string>> HandleAsync(TenantDefinition tenant, long actorId, long memberId, string? role, CancellationToken ct = default)
    {
        if (role is null || !Members.Roles.All.Contains(role))
            return Error.Invalid("role", $"Role must be one of {string.Join(", ", Members.Roles.All)}.");
        var member = await members.FindByIdAsync(tenant.Id, memberId, ct);
        if (member is null) return Error.NotFound("Member");
        if (member.Id == actorId && role != Members.Roles.Admin)
            return Error.Invalid("role", "You cannot take away your own admin role: ask another admin.");
        var before = member.Role;
        if (before == role) return role;
        member.Role = role;
        member.SecurityStamp = Guid.NewGuid().ToString("N");
        await members.UpdateAsync(member, ct);
        await audit.AuditAsync(tenant.Id, actorId, "role.granted", $"member {memberId}", $"{before} -> {role}", clock.GetUtcNow(), ct);
        return role;
    }
}
