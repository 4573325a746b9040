using Engine.Core.Email;

namespace Engine.Core.DataRights;

/// <summary>
/// Everything the site keeps about one member, as "Download my data" gives it to them (UK GDPR, the right of access).
/// Contributions are those the site still links to the account: named ones, and anonymous ones whose policy keeps the
/// link (a moderator can reveal them). A fully anonymous contribution keeps no link, only a keyed hash, so it is not here.
/// </summary>
public sealed record MemberData(
    AccountRecord Account,
    IReadOnlyList<ContributionRecord> Ideas,
    IReadOnlyList<ContributionRecord> Comments,
    IReadOnlyList<VoteRecord> Votes,
    IReadOnlyList<FollowRecord> Follows,
    EmailPreferences EmailPreferences,
    IReadOnlyList<TokenRecord> Tokens,
    IReadOnlyList<EndedSessionRecord> EndedSessions)
{
    /// <summary>The accounts at the site's sign-in providers linked to this one.</summary>
    public IReadOnlyList<ProviderLinkRecord> ProviderLinks { get; init; } = [];
    /// <summary>Whether sign-in asks for a code, and how many recovery codes are left: never the key or the codes.</summary>
    public TwoFactorRecord TwoFactor { get; init; } = new(false, 0);
    /// <summary>Every sign-in the site recorded that is not signed out.</summary>
    public IReadOnlyList<SessionRecord> Sessions { get; init; } = [];
    /// <summary>The images on the member's ideas in <see cref="Ideas"/>, with the alt text they wrote for each.</summary>
    public IReadOnlyList<ImageRecord> Images { get; init; } = [];
}

/// <summary>An image on one of the member's ideas, with the words they wrote for it (its alt text) and its size as shown.</summary>
public sealed record ImageRecord(long Id, long IdeaId, string AltText, int Width, int Height, DateTimeOffset CreatedAt);

/// <param name="Provider">The provider's id in tenant.json (such as nhsmail); <paramref name="Subject"/>, who the provider says the person is.</param>
public sealed record ProviderLinkRecord(string Provider, string Subject, DateTimeOffset CreatedAt);

public sealed record TwoFactorRecord(bool Enabled, int RecoveryCodesLeft);

/// <summary>A sign-in, as the member's sessions page lists it.</summary>
public sealed record SessionRecord(DateTimeOffset StartedAt, string How, string Device);

public sealed record AccountRecord(long Id, string DisplayName, string Email, bool EmailConfirmed, string Role, bool Blocked,
    string? Language, DateTimeOffset CreatedAt);

/// <param name="IdeaId">The idea itself, or the idea a comment is on.</param>
/// <param name="Title">An idea's title, or the title of the idea a comment is on.</param>
/// <param name="Moderation">published, held, rejected or hidden.</param>
public sealed record ContributionRecord(long Id, long IdeaId, string Challenge, string Title, string Body, bool Anonymous,
    string Moderation, string? ModerationReason, DateTimeOffset CreatedAt);

public sealed record VoteRecord(long IdeaId, string IdeaTitle, string Challenge, int Value, DateTimeOffset CreatedAt);

/// <param name="Kind">idea or challenge.</param>
public sealed record FollowRecord(string Kind, long TargetId, string Title, DateTimeOffset CreatedAt);

/// <summary>A personal API token as the site keeps it: never the token, only that it exists.</summary>
public sealed record TokenRecord(long Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset ExpiresAt);

/// <summary>A sign-in the member signed out of (the site keeps these so a copied cookie stays signed out).</summary>
public sealed record EndedSessionRecord(DateTimeOffset EndedAt);

public interface IMemberDataStore
{
    /// <summary>The member's data, email preferences aside (see <see cref="DownloadMyData"/>); null when there is no such member.</summary>
    Task<MemberData?> CollectAsync(string tenantId, long memberId, CancellationToken ct = default);

    /// <summary>
    /// Deletes the account in one transaction (see <see cref="DeleteMyAccount"/>): votes (and the counts they moved),
    /// follows, email preferences, tokens, sessions, reports and emails to the member go; what they posted is deleted,
    /// or kept under "Former member"; the member row is kept only as an empty tombstone, so that ids in the audit log
    /// and kept contributions still point at something, but nothing in it says who it was.
    /// </summary>
    /// <param name="authorKey">The member's fully anonymous author key: their fully anonymous posts go too when <paramref name="deleteContributions"/>.</param>
    /// <param name="onlyIfWarnedBy">For the retention rule: delete only if the member was warned no later than this and has not used
    /// the site since (checked in the deleting transaction, so a member signing in at that moment keeps their account).</param>
    Task<bool> DeleteAsync(string tenantId, long memberId, string authorKey, bool deleteContributions, string formerMember, DateTimeOffset now,
        CancellationToken ct = default, DateTimeOffset? onlyIfWarnedBy = null);
}
