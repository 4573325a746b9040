using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.Administration;

/// <summary>
/// What admins changed at run time. It is stored in the database and layered on top of tenant.json
/// (engine defaults &lt; tenant.json &lt; these &lt; a challenge's own overrides), and takes effect at once.
/// </summary>
public sealed record SiteSettings(bool? AnonymousPosting, bool? DownVotes)
{
    public static readonly SiteSettings None = new(null, null);

    /// <summary>Null: the rules tenant.json chose. Otherwise the admin's choice, which replaces tenant.json's whole.</summary>
    public RuleChoices? Rules { get; init; }
    /// <summary>Null: the name and brand in tenant.json.</summary>
    public Branding? Branding { get; init; }
    /// <summary>Null: the edit window in tenant.json.</summary>
    public Editing.TenantEditing? Editing { get; init; }
    /// <summary>Null: password accounts as tenant.json's signIn.passwords says; otherwise the admin's switch.</summary>
    public bool? Passwords { get; init; }
    /// <summary>Null: as tenant.json's signIn.staffTwoFactor says; otherwise the admin's switch.</summary>
    public bool? StaffTwoFactor { get; init; }
    /// <summary>Per-challenge overrides, by challenge slug.</summary>
    public IReadOnlyDictionary<string, ChallengeOverride> Challenges { get; init; } = new Dictionary<string, ChallengeOverride>();

    public bool IsEmpty => AnonymousPosting is null && DownVotes is null && Rules is null && Branding is null && Editing is null && Passwords is null && StaffTwoFactor is null
        && Challenges.Count == 0;

    public TenantFeatures Apply(TenantFeatures fromFile) => new()
    {
        AnonymousPosting = AnonymousPosting ?? fromFile.AnonymousPosting,
        DownVotes = DownVotes ?? fromFile.DownVotes,
    };

    /// <summary>The tenant as visitors see it: tenant.json with these settings laid over it.</summary>
    public TenantDefinition Apply(TenantDefinition fromFile) => IsEmpty ? fromFile : fromFile with
    {
        Name = Branding?.Name ?? fromFile.Name,
        ThemeSettings = Branding?.Apply(fromFile.ThemeSettings) ?? fromFile.ThemeSettings,
        Features = Apply(fromFile.Features),
        // The admin pages choose voting, moderation and anonymity; event handlers stay as tenant.json says.
        Rules = Rules is null ? fromFile.Rules : Rules with { Events = Rules.Events ?? fromFile.Rules.Events },
        Editing = Editing ?? fromFile.Editing,
        SignIn = Passwords is null && StaffTwoFactor is null ? fromFile.SignIn
            : fromFile.SignIn with { Passwords = Passwords ?? fromFile.SignIn.Passwords, StaffTwoFactor = StaffTwoFactor ?? fromFile.SignIn.StaffTwoFactor },
        ChallengeOverrides = Challenges,
    };
}

/// <summary>The site's name and brand as an admin set them; <see cref="Logo"/> is an uploaded file's name, or null for tenant.json's logo.</summary>
public sealed record Branding(string Name, string? Tagline, string PrimaryColour, string AccentColour)
{
    public string? Logo { get; init; }

    public ThemeSettings Apply(ThemeSettings fromFile) => fromFile with
    {
        Tagline = string.IsNullOrEmpty(Tagline) ? null : Tagline,
        PrimaryColour = PrimaryColour,
        AccentColour = AccentColour,
        UploadedLogo = Logo,
    };
}

public interface ISiteSettingsStore
{
    Task<IReadOnlyDictionary<string, SiteSettings>> AllAsync(CancellationToken ct = default);
    /// <summary>Saves the site's switches only.</summary>
    Task SaveAsync(string tenantId, SiteSettings settings, long actorId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Saves the site's rules only; null goes back to tenant.json's.</summary>
    Task SaveRulesAsync(string tenantId, RuleChoices? rules, long actorId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Saves the site's brand only; null goes back to tenant.json's.</summary>
    Task SaveBrandingAsync(string tenantId, Branding? branding, long actorId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Saves the site's edit window only; null goes back to tenant.json's.</summary>
    Task SaveEditingAsync(string tenantId, Editing.TenantEditing? editing, long actorId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Saves whether password accounts are on; null goes back to tenant.json's.</summary>
    Task SavePasswordsAsync(string tenantId, bool? passwords, long actorId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Saves whether staff must use two factors; null goes back to tenant.json's.</summary>
    Task SaveStaffTwoFactorAsync(string tenantId, bool? staffTwoFactor, long actorId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Saves one challenge's overrides; null clears them.</summary>
    Task SaveChallengeAsync(string tenantId, string challengeSlug, ChallengeOverride? overrides, long actorId, DateTimeOffset now, CancellationToken ct = default);
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

    internal static string Word(bool on) => on ? "on" : "off";
}

/// <summary>An admin gives a member a role on this tenant; audited.</summary>
public sealed class ChangeRole(Members.IMemberStore members, IModerationStore audit, TimeProvider clock)
{
    public async Task<Outcome<string>> HandleAsync(TenantDefinition tenant, long actorId, long memberId, string? role, CancellationToken ct = default)
    {
        if (role is null || !Members.Roles.All.Contains(role))
            return Error.Invalid("role", $"Role must be one of {string.Join(", ", Members.Roles.All)}.").Keyed("admin.members.role-one-of", string.Join(", ", Members.Roles.All));
        var member = await members.FindByIdAsync(tenant.Id, memberId, ct);
        if (member is null) return Error.NotFound("Member");
        if (member.Id == actorId && role != Members.Roles.Admin)
            return Error.Invalid("role", "You cannot take away your own admin role: ask another admin.").Keyed("admin.members.own-admin-role");
        var before = member.Role;
        if (before == role) return role;
        member.Role = role;
        member.SecurityStamp = Guid.NewGuid().ToString("N");
        await members.UpdateAsync(member, ct);
        await audit.AuditAsync(tenant.Id, actorId, "role.granted", $"member {memberId}", $"{before} -> {role}", clock.GetUtcNow(), ct);
        return role;
    }
}
