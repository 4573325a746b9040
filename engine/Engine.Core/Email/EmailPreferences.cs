namespace Engine.Core.Email;

/// <summary>
/// Which emails a member wants. A member who never chose gets <see cref="Default"/>: the emails about their own
/// contributions and what they follow, and a weekly digest (sent only when something happened).
/// </summary>
public sealed record EmailPreferences(bool Replies, bool StatusChanges, bool OfficialResponses, bool AdminUpdates, DigestFrequency Digest)
{
    public static readonly EmailPreferences Default = new(true, true, true, true, DigestFrequency.Weekly);
    public static readonly EmailPreferences Nothing = new(false, false, false, false, DigestFrequency.None);

    public bool Allows(EmailKind kind) => kind switch
    {
        EmailKind.Reply => Replies,
        EmailKind.StatusChange => StatusChanges,
        EmailKind.OfficialResponse => OfficialResponses,
        EmailKind.AdminUpdate => AdminUpdates,
        EmailKind.Digest => Digest != DigestFrequency.None,
        _ => true, // account emails come only when asked for
    };

    /// <summary>
    /// What an unsubscribe link leaves: that kind off. An account email's link (kind null) turns off everything
    /// optional, as there is nothing narrower to stop: the account emails themselves come only on request.
    /// </summary>
    public EmailPreferences Without(EmailKind? kind) => kind switch
    {
        EmailKind.Reply => this with { Replies = false },
        EmailKind.StatusChange => this with { StatusChanges = false },
        EmailKind.OfficialResponse => this with { OfficialResponses = false },
        EmailKind.AdminUpdate => this with { AdminUpdates = false },
        EmailKind.Digest => this with { Digest = DigestFrequency.None },
        _ => Nothing,
    };
}

/// <summary>When a member's digest is due, and which stretch of time it covers.</summary>
public static class DigestSchedule
{
    public static TimeSpan Period(DigestFrequency frequency) => frequency switch
    {
        DigestFrequency.Daily => TimeSpan.FromDays(1),
        DigestFrequency.Weekly => TimeSpan.FromDays(7),
        _ => TimeSpan.MaxValue,
    };

    /// <summary>
    /// Due a full period after the last one. A member with no digest yet is never due: their clock starts when the
    /// sender first sees them, so a first digest covers a whole period of what they followed, not a guess at one.
    /// </summary>
    public static bool IsDue(DigestFrequency frequency, DateTimeOffset? last, DateTimeOffset now) =>
        frequency != DigestFrequency.None && last is { } l && now - l >= Period(frequency);

    /// <summary>From the end of the last digest's window up to now: nothing is reported twice, and nothing is missed.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(DateTimeOffset last, DateTimeOffset now) => (last, now);
}
