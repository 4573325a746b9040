namespace Engine.Core.Members;

/// <summary>
/// A personal bearer token for API clients, as stored: its hash, never the token itself. It carries the member's security
/// stamp when it was made, so a password change, a sign-out everywhere, a block or a role change (each of which
/// changes the stamp) ends it.
/// </summary>
public sealed record MemberToken
{
    public string TenantId { get; init; } = "";
    public long Id { get; set; }
    public long MemberId { get; init; }
    public string Hash { get; init; } = "";
    public string Name { get; init; } = "";
    public string SecurityStamp { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}

public static class TokenRules
{
    public const int NameMax = 60, DefaultDays = 90;

    /// <summary>How long a new token lasts: what the member asked for (default 90 days), never past the site's cap.</summary>
    public static Common.Outcome<int> Days(int? asked, int siteMax)
    {
        var days = asked ?? DefaultDays;
        if (days < 1) return Common.Error.Invalid("days", "A token must last at least one day.").Keyed("error.token-days");
        return Math.Min(days, siteMax);
    }
}
