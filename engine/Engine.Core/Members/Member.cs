namespace Engine.Core.Members;

public static class Roles
{
    public const string Member = "member", Champion = "champion", CommunityManager = "community-manager", Moderator = "moderator", Admin = "admin";
    /// <summary>Codes contributions (the coding page and agreement), and nothing else a team member does.</summary>
    public const string Analyst = "analyst";
    /// <summary>
    /// From least to most trusted. A role is per tenant: it gives nothing on another site. An analyst stands beside the
    /// team rather than in it (they code, and cannot answer, manage or moderate), so it is listed just above a member.
    /// </summary>
    public static readonly IReadOnlyList<string> All = [Member, Analyst, Champion, CommunityManager, Moderator, Admin];
    /// <summary>The team who answer contributions: their responses can be marked official.</summary>
    public static readonly IReadOnlyList<string> Team = [Champion, CommunityManager, Moderator, Admin];
    /// <summary>Who may move an idea along the programme's roadmap.</summary>
    public static readonly IReadOnlyList<string> Managers = [CommunityManager, Moderator, Admin];
    /// <summary>The team who may use the admin area's moderation pages.</summary>
    public static readonly IReadOnlyList<string> Moderators = [Moderator, Admin];
    /// <summary>Who may code contributions: analysts, and admins (who also keep the code frame). Moderators may not.</summary>
    public static readonly IReadOnlyList<string> Coders = [Analyst, Admin];
    /// <summary>Who may run theme suggestions and accept, rename, merge or reject them: analysts, who read the text, and the managers who theme.</summary>
    public static readonly IReadOnlyList<string> Suggesters = [Analyst, CommunityManager, Moderator, Admin];
}

/// <summary>Someone registered on one tenant. Their account gives them nothing on any other tenant.</summary>
public sealed class Member
{
    public string TenantId { get; set; } = "";
    public long Id { get; set; }
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public string Role { get; set; } = Roles.Member;
    public DateTimeOffset? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }
    /// <summary>A blocked member cannot sign in or contribute, and everything they posted is hidden.</summary>
    public bool Blocked { get; set; }
    /// <summary>The member opened the link sent to their address: only then does the site email them anything but account emails.</summary>
    public bool EmailConfirmed { get; set; }
    /// <summary>The language the member chose among the site's (a culture such as cy-GB), or null: pages then follow the browser.</summary>
    public string? Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The key the member's authenticator app shares with the site (Identity's TOTP), or null before they start enrolling.</summary>
    public string? AuthenticatorKey { get; set; }
    /// <summary>Sign-in asks for a code from the authenticator app (or a recovery code) after the password or the provider.</summary>
    public bool TwoFactorEnabled { get; set; }
}

public static class MemberRules
{
    public const int DisplayNameMax = 60, EmailMax = 254;

    /// <param name="isStaff">Whether the account is made for the site's staff (an admin made by a system administrator), whose name may say so.</param>
    public static Common.Error? CheckRegistration(string? email, string? displayName, string tenantName, bool isStaff = false)
    {
        if (Common.TextRules.Check("email", email, 3, EmailMax, out var e) is { } emailError) return emailError;
        if (!System.Net.Mail.MailAddress.TryCreate(e, out var parsed) || parsed.Address != e)
            return Common.Error.Invalid("email", "Enter an email address like name@example.nhs.uk.").Keyed("error.email-format");
        return Common.TextRules.Check("displayName", displayName, 2, DisplayNameMax, out var name) ?? DisplayNames.Check(name, tenantName, isStaff);
    }
}
