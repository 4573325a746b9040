namespace Engine.Web.Email;

public enum EmailDelivery { Folder, Smtp }

/// <summary>
/// How the engine sends email (section Engine:Email). The embedded default writes each message as an .eml file
/// under data/email/&lt;tenant&gt;/, so nothing is lost and a developer can read them; set Delivery to Smtp and
/// the host and port of a relay to send for real. Senders and reply-to addresses are per site (tenant.json "email").
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Engine:Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.Folder;
    public string SmtpHost { get; set; } = "localhost";
    public int SmtpPort { get; set; } = 25;
    public bool EnableSsl { get; set; }
    /// <summary>Leave empty for a relay that does not ask; pass the password as a secret (Engine__Email__Password).</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The sender of a site whose tenant.json names none: "noreply@" its first host, under the site's name.</summary>
    public string? DefaultFrom { get; set; }
    /// <summary>Links in emails: https in production; Development serves http on port 5080.</summary>
    public string LinkScheme { get; set; } = "https";
    public int? LinkPort { get; set; }

    /// <summary>Off on an engine node that should not send (another node drains the shared outbox).</summary>
    public bool Send { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How long a claimed email is kept from other senders; a sender that died mid-send is recovered after it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);
    public int MaxAttempts { get; set; } = 10;
    /// <summary>The wait after the first failure; each later one doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);
    public TimeSpan DigestCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When to try again after <paramref name="attempts"/> failed attempts, or null to give up.</summary>
    public TimeSpan? RetryDelay(int attempts)
    {
        if (attempts >= MaxAttempts) return null;
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 30));
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}
