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
    Task AddTokenAsync(string tenantId, long memberId, string tokenHash, DateTimeOffset now, CancellationToken ct = default);
    Task<Member?> FindByTokenAsync(string tenantId, string tokenHash, CancellationToken ct = default);
}
