using System.Security.Cryptography;
using Engine.Core.Members;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts;

/// <summary>
/// Identity's tokens for confirming an email address and resetting a password, made with Data Protection like
/// Identity's own DataProtectorTokenProvider, but under a purpose that includes the tenant: member 7 of one site
/// is a different person from member 7 of another, and a token must not cross. A token carries the member's
/// security stamp, which a password reset changes, so a reset link works once. Valid for a day.
/// </summary>
public sealed class TenantTokenProvider(IDataProtectionProvider protection) : IUserTwoFactorTokenProvider<Member>
{
    public const string Name = "Tenant";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public Task<string> GenerateAsync(string purpose, UserManager<Member> manager, Member user) =>
        Task.FromResult(Protector(user.TenantId, purpose).Protect($"{user.Id}|{user.SecurityStamp}", DateTimeOffset.UtcNow + Lifetime));

    public Task<bool> ValidateAsync(string purpose, string token, UserManager<Member> manager, Member user)
    {
        try
        {
            var payload = Protector(user.TenantId, purpose).Unprotect(token, out _);
            return Task.FromResult(payload == $"{user.Id}|{user.SecurityStamp}");
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return Task.FromResult(false);
        }
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Member> manager, Member user) => Task.FromResult(false);

    private ITimeLimitedDataProtector Protector(string tenantId, string purpose) =>
        protection.CreateProtector("Engine.Accounts.Tokens", tenantId, purpose).ToTimeLimitedDataProtector();
}
