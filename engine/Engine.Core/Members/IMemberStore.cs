namespace Engine.Core.Members;

public interface IMemberStore
{
    /// <summary>Adds the member and sets its <see cref="Member.Id"/>; false when the email is already registered on this tenant.</summary>
    Task<bool> AddAsync(Member member, CancellationToken ct = default);
    Task UpdateAsync(Member member, CancellationToken ct = default);
    Task<Member?> FindByIdAsync(string tenantId, long id, CancellationToken ct = default);
    Task<Member?> FindByEmailAsync(string tenantId, string normalizedEmail, CancellationToken ct = default);
    /// <summary>Members by name or email, for the admin pages.</summary>
    Task<IReadOnlyList<Member>> SearchAsync(string tenantId, string? text, int limit, CancellationToken ct = default);
    /// <summary>Every member with one of these roles, by name: e.g. the team a contribution can be assigned to.</summary>
    Task<IReadOnlyList<Member>> WithRolesAsync(string tenantId, IReadOnlyCollection<string> roles, CancellationToken ct = default);
    /// <summary>Stores a personal token's hash (never the token) and sets <see cref="MemberToken.Id"/>.</summary>
    Task AddTokenAsync(MemberToken token, CancellationToken ct = default);
    /// <summary>The token with this hash, unexpired at <paramref name="now"/>, and its member; null when there is none.</summary>
    Task<(Member Member, MemberToken Token)?> FindByTokenAsync(string tenantId, string tokenHash, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Records a token's use; callers do it at most once a minute per token, so a busy API client costs few writes.</summary>
    Task TouchTokenAsync(string tenantId, long tokenId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>A member's own tokens, unexpired at <paramref name="now"/>, newest first.</summary>
    Task<IReadOnlyList<MemberToken>> TokensOfAsync(string tenantId, long memberId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Deletes one of the member's tokens; false when the member has no token with that id.</summary>
    Task<bool> RevokeTokenAsync(string tenantId, long memberId, long tokenId, CancellationToken ct = default);
    /// <summary>Ends one signed-in session (one cookie), so a copy of that cookie is nobody from now on.</summary>
    Task EndSessionAsync(string tenantId, long memberId, string sessionId, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Keeps the language the member chose (a culture such as cy-GB), so every device and email uses it.</summary>
    Task SetLanguageAsync(string tenantId, long memberId, string language, CancellationToken ct = default);
    Task<bool> IsSessionEndedAsync(string tenantId, string sessionId, CancellationToken ct = default);
}
