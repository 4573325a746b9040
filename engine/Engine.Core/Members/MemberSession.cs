namespace Engine.Core.Members;

/// <summary>
/// One sign-in (one cookie) of a member, as their sessions page lists it.
/// </summary>
/// <param name="How">How they signed in: "password", "password and code", a provider's label, "passkey".</param>
/// <param name="Device">The browser's own description of itself (its User-Agent), shortened: only to help the member tell their sessions apart.</param>
public sealed record MemberSession(string SessionId, long MemberId, DateTimeOffset StartedAt, string How, string Device);

public interface ISessionStore
{
    /// <summary>Records a new sign-in.</summary>
    Task StartAsync(string tenantId, MemberSession session, CancellationToken ct = default);
    /// <summary>The member's sign-ins that have not been signed out (ended), newest first. Some may have expired in their browser.</summary>
    Task<IReadOnlyList<MemberSession>> OpenAsync(string tenantId, long memberId, CancellationToken ct = default);
}
