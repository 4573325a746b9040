using Engine.Core.Members;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts;

/// <summary>
/// ASP.NET Core Identity's view of our members, scoped to the request's tenant: the same email
/// can be registered on two tenants and they are two different people.
/// </summary>
public sealed class MemberUserStore(IMemberStore members, IRecoveryCodeStore recoveryCodes, IPasskeyStore passkeys, IHttpContextAccessor http,
    TimeProvider clock) :
    IUserPasswordStore<Member>, IUserEmailStore<Member>, IUserLockoutStore<Member>, IUserSecurityStampStore<Member>,
    IUserAuthenticatorKeyStore<Member>, IUserTwoFactorStore<Member>, IUserTwoFactorRecoveryCodeStore<Member>, IUserPasskeyStore<Member>
{
    private string TenantId => http.HttpContext!.Tenant().Id;

    public async Task<IdentityResult> CreateAsync(Member user, CancellationToken ct)
    {
        user.TenantId = TenantId;
        user.CreatedAt = clock.GetUtcNow();
        return await members.AddAsync(user, ct)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(user.Email));
    }

    public async Task<IdentityResult> UpdateAsync(Member user, CancellationToken ct)
    {
        await members.UpdateAsync(user, ct);
        return IdentityResult.Success;
    }

    public Task<IdentityResult> DeleteAsync(Member user, CancellationToken ct) =>
        throw new NotSupportedException("Members are not deleted: their contributions stay, and erasure is an admin action.");

    public Task<Member?> FindByIdAsync(string userId, CancellationToken ct) =>
        long.TryParse(userId, out var id) ? members.FindByIdAsync(TenantId, id, ct) : Task.FromResult<Member?>(null);

    public Task<Member?> FindByNameAsync(string normalizedUserName, CancellationToken ct) => FindByEmailAsync(normalizedUserName, ct);
    public Task<Member?> FindByEmailAsync(string normalizedEmail, CancellationToken ct) => members.FindByEmailAsync(TenantId, normalizedEmail, ct);

    public Task<string> GetUserIdAsync(Member user, CancellationToken ct) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(Member user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task SetUserNameAsync(Member user, string? userName, CancellationToken ct) { user.Email = userName ?? user.Email; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(Member user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedUserNameAsync(Member user, string? normalizedName, CancellationToken ct) { user.NormalizedEmail = normalizedName ?? user.NormalizedEmail; return Task.CompletedTask; }

    public Task SetPasswordHashAsync(Member user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(Member user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(Member user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(Member user, string? email, CancellationToken ct) { user.Email = email ?? ""; return Task.CompletedTask; }
    public Task<string?> GetEmailAsync(Member user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task<bool> GetEmailConfirmedAsync(Member user, CancellationToken ct) => Task.FromResult(user.EmailConfirmed);
    public Task SetEmailConfirmedAsync(Member user, bool confirmed, CancellationToken ct) { user.EmailConfirmed = confirmed; return Task.CompletedTask; }
    public Task<string?> GetNormalizedEmailAsync(Member user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(Member user, string? normalizedEmail, CancellationToken ct) { user.NormalizedEmail = normalizedEmail ?? ""; return Task.CompletedTask; }

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(Member user, CancellationToken ct) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(Member user, DateTimeOffset? lockoutEnd, CancellationToken ct) { user.LockoutEnd = lockoutEnd; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(Member user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(Member user, CancellationToken ct) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(Member user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(Member user, CancellationToken ct) => Task.FromResult(true);
    public Task SetLockoutEnabledAsync(Member user, bool enabled, CancellationToken ct) => Task.CompletedTask;

    public Task SetSecurityStampAsync(Member user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(Member user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public Task SetAuthenticatorKeyAsync(Member user, string key, CancellationToken ct) { user.AuthenticatorKey = key; return Task.CompletedTask; }
    public Task<string?> GetAuthenticatorKeyAsync(Member user, CancellationToken ct) => Task.FromResult(user.AuthenticatorKey);
    public Task SetTwoFactorEnabledAsync(Member user, bool enabled, CancellationToken ct) { user.TwoFactorEnabled = enabled; return Task.CompletedTask; }
    public Task<bool> GetTwoFactorEnabledAsync(Member user, CancellationToken ct) => Task.FromResult(user.TwoFactorEnabled);

    public Task ReplaceCodesAsync(Member user, IEnumerable<string> codes, CancellationToken ct) =>
        recoveryCodes.ReplaceAsync(user.TenantId, user.Id, codes.Select(TwoFactor.RecoveryCodes.Hash).ToList(), ct);
    public Task<bool> RedeemCodeAsync(Member user, string code, CancellationToken ct) =>
        recoveryCodes.RedeemAsync(user.TenantId, user.Id, TwoFactor.RecoveryCodes.Hash(code), ct);
    public Task<int> CountCodesAsync(Member user, CancellationToken ct) => recoveryCodes.CountAsync(user.TenantId, user.Id, ct);

    public Task AddOrUpdatePasskeyAsync(Member user, UserPasskeyInfo passkey, CancellationToken ct) =>
        passkeys.SaveAsync(user.TenantId, Passkeys.StoredPasskeys.ToStored(user.Id, passkey), ct);
    public async Task<IList<UserPasskeyInfo>> GetPasskeysAsync(Member user, CancellationToken ct) =>
        (await passkeys.ListAsync(user.TenantId, user.Id, ct)).Select(Passkeys.StoredPasskeys.ToInfo).ToList();
    public async Task<Member?> FindByPasskeyIdAsync(byte[] credentialId, CancellationToken ct) =>
        await passkeys.FindAsync(TenantId, Passkeys.StoredPasskeys.Id(credentialId), ct) is { } found
            ? await members.FindByIdAsync(TenantId, found.MemberId, ct) : null;
    public async Task<UserPasskeyInfo?> FindPasskeyAsync(Member user, byte[] credentialId, CancellationToken ct) =>
        await passkeys.FindAsync(user.TenantId, Passkeys.StoredPasskeys.Id(credentialId), ct) is { } found && found.MemberId == user.Id
            ? Passkeys.StoredPasskeys.ToInfo(found) : null;
    public Task RemovePasskeyAsync(Member user, byte[] credentialId, CancellationToken ct) =>
        passkeys.RemoveAsync(user.TenantId, user.Id, Passkeys.StoredPasskeys.Id(credentialId), ct);

    public void Dispose() { }
}
