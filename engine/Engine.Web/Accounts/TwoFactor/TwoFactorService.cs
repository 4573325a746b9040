using Engine.Core.Common;
using Engine.Core.Members;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts.TwoFactor;

/// <summary>
/// A member's authenticator app (TOTP, RFC 6238, each code good once: <see cref="AuthenticatorCodes"/>) and recovery codes:
/// enrolling, switching off, and checking a code at sign-in. Every wrong code counts towards the account's lockout, as a wrong
/// password does (5 in a row lock it for 5 minutes), so nobody can try the million codes.
/// </summary>
public sealed class TwoFactorService(UserManager<Member> users, IRecoveryCodeStore recoveryCodes, AuthenticatorCodes authenticator, IAuthenticatorSteps steps)
{
    public static readonly Error WrongCode = Error.Invalid("code",
        "That code is not right, has expired, or there have been too many wrong ones: enter the 6-digit code your app shows now, or one of your recovery codes, and wait a few minutes after several wrong ones.")
        .Keyed("error.two-factor-code");

    /// <summary>Gives the member a key to enrol with, kept until they finish enrolling or switch two factors off.</summary>
    public async Task StartAsync(Member member)
    {
        if (member.TwoFactorEnabled || member.AuthenticatorKey is not null) return;
        // Set directly, not with ResetAuthenticatorKeyAsync, which also changes the security stamp and so would sign the member
        // out everywhere before they have switched anything on.
        member.AuthenticatorKey = users.GenerateNewAuthenticatorKey();
        await users.UpdateAsync(member);
        await steps.ForgetAsync(member.TenantId, member.Id);
    }

    /// <summary>What an authenticator app reads from the QR code: the site's name as the issuer, the member's address as the account.</summary>
    public static string AppUri(Member member, string siteName) =>
        $"otpauth://totp/{Uri.EscapeDataString(siteName)}:{Uri.EscapeDataString(member.Email)}?secret={member.AuthenticatorKey}&issuer={Uri.EscapeDataString(siteName)}&digits=6";

    /// <summary>The key in groups of four, as people type it into an app.</summary>
    public static string Readable(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c)));

    /// <summary>
    /// Switches two factors on once the member has typed a code their app made from the key, so they cannot lock themselves out
    /// with a key their app does not have. Their new recovery codes are the answer, to be shown this once. The new security stamp
    /// ends every other sign-in and every personal token.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<string>>> EnableAsync(Member member, string? code)
    {
        if (member.TwoFactorEnabled || member.AuthenticatorKey is null || !await CheckAsync(member, code, recoveryCodeToo: false)) return WrongCode;
        await users.SetTwoFactorEnabledAsync(member, true);
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(member, RecoveryCodes.Count))!.ToList();
    }

    /// <summary>Switches two factors off, with a code from the app or a recovery code: the key and the codes left are forgotten.</summary>
    public async Task<Error?> DisableAsync(Member member, string? code)
    {
        if (!member.TwoFactorEnabled) return null;
        if (!await CheckAsync(member, code)) return WrongCode;
        member.AuthenticatorKey = null;
        await users.SetTwoFactorEnabledAsync(member, false);
        await recoveryCodes.ReplaceAsync(member.TenantId, member.Id, []);
        return null;
    }

    /// <summary>
    /// A code from the app (six digits), which then works no more, or else one of the member's recovery codes, which is then
    /// used up. False while the account is locked, whatever the code.
    /// </summary>
    public async Task<bool> CheckAsync(Member member, string? code, bool recoveryCodeToo = true)
    {
        if (await users.IsLockedOutAsync(member)) return false;
        var typed = RecoveryCodes.Normalize(code ?? "");
        var right = typed.Length == 6 && typed.All(char.IsAsciiDigit)
            ? await authenticator.UseAsync(member, typed)
            : recoveryCodeToo && typed.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(member, typed)).Succeeded;
        if (!right)
        {
            await users.AccessFailedAsync(member);
            return false;
        }
        await users.ResetAccessFailedCountAsync(member);
        return true;
    }

    public Task<int> RecoveryCodesLeftAsync(Member member) => recoveryCodes.CountAsync(member.TenantId, member.Id);
}
