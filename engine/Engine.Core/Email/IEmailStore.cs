namespace Engine.Core.Email;

/// <summary>
/// An email ready to go: composed when it is queued, so sending it again after a restart sends the same words.
/// <see cref="Body"/> is the plain text; <see cref="Html"/> the HTML part (null only for emails queued before emails had one).
/// </summary>
public sealed record OutgoingEmail(EmailKind Kind, long MemberId, string To, string ToName, string Subject, string Body, string? UnsubscribeUrl, string? Html = null);

/// <summary>A queued email, as the sender takes it from the outbox.</summary>
public sealed record QueuedEmail(string TenantId, long Id, EmailKind Kind, long MemberId, string From, string? ReplyTo, string To, string ToName,
    string Subject, string Body, string? UnsubscribeUrl, int Attempts, DateTimeOffset CreatedAt, string? Html = null);

/// <summary>Someone an email could go to, with what decides whether it may.</summary>
/// <param name="Language">The language the member chose among the site's (a culture such as cy-GB), or null: their emails are in it.</param>
public sealed record Recipient(long Id, string Email, string DisplayName, bool Confirmed, bool Blocked, EmailPreferences Preferences, string? Language = null)
{
    /// <summary>
    /// Only confirmed addresses get anything but account emails: otherwise anyone could sign a stranger's address
    /// up for mail. A blocked member gets nothing.
    /// </summary>
    public bool Wants(EmailKind kind) => kind.IsAccount() || (Confirmed && !Blocked && Preferences.Allows(kind));
}

/// <summary>The sender a site's emails carry (tenant.json "email"), resolved with the engine's defaults.</summary>
public sealed record Sender(string From, string? ReplyTo);

public sealed record DigestSubscriber(long MemberId, DigestFrequency Frequency, DateTimeOffset? LastDigestAt);

public sealed record DigestIdea(long Id, string Title, string ChallengeTitle, string? AuthorName, DateTimeOffset CreatedAt)
{
    public long ChallengeId { get; init; }
}

public sealed record DigestDiscussion(long IdeaId, string Title, string ChallengeTitle, int NewComments)
{
    public long ChallengeId { get; init; }
}

/// <summary>What happened in a member's followed challenges and ideas during a digest's window.</summary>
public sealed record DigestActivity(IReadOnlyList<DigestIdea> NewIdeas, IReadOnlyList<DigestDiscussion> Discussions)
{
    public bool IsEmpty => NewIdeas.Count == 0 && Discussions.Count == 0;

    /// <summary>Without what happened in these challenges (private ones the member is not, or no longer, in the audience of).</summary>
    public DigestActivity Without(IReadOnlySet<long> challengeIds) => challengeIds.Count == 0 ? this
        : new(NewIdeas.Where(i => !challengeIds.Contains(i.ChallengeId)).ToList(), Discussions.Where(d => !challengeIds.Contains(d.ChallengeId)).ToList());
}

public interface IEmailStore
{
    /// <summary>Queues the emails in one transaction: all of them, or (if it throws) none.</summary>
    Task EnqueueAsync(string tenantId, Sender sender, IReadOnlyList<OutgoingEmail> emails, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Queues a digest (if any) and records that the member's digest up to <paramref name="now"/> is done, in one transaction.</summary>
    Task DigestDoneAsync(string tenantId, long memberId, Sender sender, OutgoingEmail? digest, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due emails of every tenant for <paramref name="lease"/>: another sender
    /// (a second engine node) skips them until the lease runs out, which is also how a crash mid-send is recovered.
    /// </summary>
    Task<IReadOnlyList<QueuedEmail>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken ct = default);
    Task MarkSentAsync(QueuedEmail email, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Records a failed attempt; <paramref name="retryAt"/> null means it will not be tried again.</summary>
    Task MarkFailedAsync(QueuedEmail email, string error, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Gives a claimed email back unsent (the sender is stopping), so the next sender need not wait out the lease.</summary>
    Task ReleaseAsync(QueuedEmail email, CancellationToken ct = default);
    /// <summary>Drops a queued email the member no longer wants (they unsubscribed after it was queued).</summary>
    Task MarkWithdrawnAsync(QueuedEmail email, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Emails not yet sent or given up on, for the admin overview and tests.</summary>
    Task<int> PendingCountAsync(string tenantId, CancellationToken ct = default);

    Task<EmailPreferences> PreferencesAsync(string tenantId, long memberId, CancellationToken ct = default);
    Task SavePreferencesAsync(string tenantId, long memberId, EmailPreferences preferences, DateTimeOffset now, CancellationToken ct = default);

    Task<IReadOnlyList<Recipient>> RecipientsAsync(string tenantId, IReadOnlyCollection<long> memberIds, CancellationToken ct = default);
    /// <summary>Every member who is not blocked.</summary>
    Task<IReadOnlyList<Recipient>> MembersAsync(string tenantId, CancellationToken ct = default);
    /// <summary>Members who posted an idea or comment (under their id) or voted in the challenge.</summary>
    Task<IReadOnlyList<Recipient>> ParticipantsAsync(string tenantId, long challengeId, CancellationToken ct = default);

    /// <summary>Members who follow anything and have a digest frequency other than none (the default is weekly).</summary>
    Task<IReadOnlyList<DigestSubscriber>> DigestSubscribersAsync(string tenantId, CancellationToken ct = default);
    Task<DigestActivity> DigestActivityAsync(string tenantId, long memberId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);
}

/// <summary>Addresses in emails: the site's pages and the one-click unsubscribe link, which only the engine can make.</summary>
public interface IEmailLinks
{
    /// <summary>The site's address with no trailing slash, e.g. https://ideas.example.nhs.uk/london.</summary>
    string Site(Tenancy.TenantDefinition tenant);
    /// <summary>An unguessable link that turns off <paramref name="kind"/> (null: all optional email) for this member of this site only.</summary>
    string Unsubscribe(Tenancy.TenantDefinition tenant, long memberId, EmailKind? kind);
    Sender SenderOf(Tenancy.TenantDefinition tenant);
}
