namespace Engine.Core.Email;

/// <summary>
/// What an email is about. Account emails (confirm your address, reset your password) are sent only when the
/// person asks, so preferences do not stop them; every other kind is one a member can turn off.
/// </summary>
public enum EmailKind { ConfirmEmail, ResetPassword, Reply, StatusChange, OfficialResponse, Digest, AdminUpdate, InactiveAccount }

public enum DigestFrequency { None, Daily, Weekly }

public static class EmailKinds
{
    private static readonly Dictionary<EmailKind, string> Keys = new()
    {
        [EmailKind.ConfirmEmail] = "confirm-email",
        [EmailKind.ResetPassword] = "reset-password",
        [EmailKind.Reply] = "replies",
        [EmailKind.StatusChange] = "status-changes",
        [EmailKind.OfficialResponse] = "official-responses",
        [EmailKind.Digest] = "digest",
        [EmailKind.AdminUpdate] = "admin-updates",
        [EmailKind.InactiveAccount] = "inactive-account",
    };

    /// <summary>How a kind is spelt in the outbox, unsubscribe links and the API.</summary>
    public static string Key(this EmailKind kind) => Keys[kind];

    public static bool TryParse(string? key, out EmailKind kind)
    {
        foreach (var (k, v) in Keys)
            if (v == key) { kind = k; return true; }
        kind = default;
        return false;
    }

    /// <summary>Sent whatever the member's preferences say: they asked for it, or (inactive account) the law needs them told.</summary>
    public static bool IsAccount(this EmailKind kind) => kind is EmailKind.ConfirmEmail or EmailKind.ResetPassword or EmailKind.InactiveAccount;

    /// <summary>The kind as a member reads it on the preferences and unsubscribe pages.</summary>
    public static string Describe(this EmailKind kind) => kind switch
    {
        EmailKind.Reply => "replies to your ideas and comments",
        EmailKind.StatusChange => "updates when an idea you follow moves on",
        EmailKind.OfficialResponse => "official responses from the team",
        EmailKind.Digest => "the digest of challenges you follow",
        EmailKind.AdminUpdate => "news from the site's team",
        _ => "account emails",
    };

    public static string Key(this DigestFrequency frequency) => frequency.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out DigestFrequency frequency) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out frequency) && Enum.IsDefined(frequency) && !int.TryParse(text, out _);
}
