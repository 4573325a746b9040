using Engine.Core.Common;
using Engine.Core.DataRights;
using Engine.Core.Members;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts;

/// <summary>Registration, sign-in and sign-out, and personal tokens, shared by the HTML forms and the JSON API.</summary>
public sealed class AccountService(UserManager<Member> users, IMemberStore members, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>
    /// One answer for every refusal before the password is known to be right, so that nobody can learn from it whether an
    /// address has an account, or whether that account is locked.
    /// </summary>
    public static readonly Error Refused = new Error(ErrorKind.Unauthorized,
        "That email and password do not match an account on this site, or the account is locked for a few minutes after too many failed attempts.")
        .Keyed("error.sign-in-refused");

    /// <summary>The answer to every registration that passed its checks, whether it made an account or the address had one.</summary>
    public const string CheckYourEmail =
        "Check your email: we have sent a message to the address you gave. If it is new here, your account is ready: sign in with the password you chose.";

    /// <summary>What registering did: made <see cref="Member"/>, or found the address already taken by <see cref="Member"/>.</summary>
    public sealed record Registration(Member Member, bool Created);

    /// <summary>
    /// Makes the account, or finds that the address already has one. Both are "success": the caller answers them alike, so that
    /// registering cannot be used to find out who has an account. Every refusal (a bad field, a weak password) is decided before
    /// looking the address up, and the password is hashed in both cases, so neither the answer nor its time tells.
    /// </summary>
    public async Task<Outcome<Registration>> RegisterAsync(string? email, string? password, string? displayName)
    {
        if (MemberRules.CheckRegistration(email, displayName, http.HttpContext!.Tenant().Name) is { } error) return error;
        if (http.HttpContext!.Tenant().SignIn.CheckEmailDomain(email!) is { } domainError) return domainError;
        var member = new Member { Email = email!.Trim(), DisplayName = displayName!.Trim() };
        password ??= "";
        var weak = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            weak.AddRange((await validator.ValidateAsync(users, member, password)).Errors);
        if (weak.Count > 0) return PasswordErrors.Of("password", weak, users.Options.Password);
        if (await users.FindByEmailAsync(member.Email) is { } owner)
        {
            users.PasswordHasher.HashPassword(member, password);
            return new Registration(owner, false);
        }
        var result = await users.CreateAsync(member, password);
        if (result.Succeeded) return new Registration(member, true);
        // Someone registered the same address a moment ago.
        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
            && await users.FindByEmailAsync(member.Email) is { } first)
            return new Registration(first, false);
        var field = result.Errors.First().Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email";
        return PasswordErrors.Of(field, result.Errors, users.Options.Password);
    }

    /// <summary>Checks the password, counting failures towards a lockout as Identity does.</summary>
    public async Task<Outcome<Member>> CheckPasswordAsync(string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return Refused;
        var member = await users.FindByEmailAsync(email.Trim());
        if (member is null)
        {
            // As long as checking a real account's password, so the time taken does not tell either.
            users.PasswordHasher.VerifyHashedPassword(NoOne, NoOnesHash.Value, password);
            return Refused;
        }
        if (await users.IsLockedOutAsync(member)) return Refused;
        if (!await users.CheckPasswordAsync(member, password))
        {
            await users.AccessFailedAsync(member);
            return Refused;
        }
        await users.ResetAccessFailedCountAsync(member);
        // Only the account's owner, who knows its password, learns that it is blocked.
        if (member.Blocked) return new Error(ErrorKind.Unauthorized, "This account has been blocked by the site's moderators.").Keyed("error.account-blocked");
        return member;
    }

    private static readonly Member NoOne = new();
    private static readonly Lazy<string> NoOnesHash = new(() => new PasswordHasher<Member>().HashPassword(NoOne, Guid.NewGuid().ToString()));

    /// <summary>A new session: its id goes in the cookie, so signing out can end that cookie and every copy of it.</summary>
    public static Task SignInAsync(HttpContext context, Member member) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            member.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme, Guid.NewGuid().ToString("N")),
            new AuthenticationProperties { IsPersistent = true });

    /// <summary>
    /// Ends this session; <paramref name="everywhere"/> also ends every other sign-in and every personal token of the member,
    /// by giving them a new security stamp.
    /// </summary>
    public async Task SignOutAsync(HttpContext context, bool everywhere)
    {
        var tenant = context.Tenant();
        if (context.User.MemberId() is { } id)
        {
            if (context.User.FindFirst(MemberClaims.SessionClaim)?.Value is { } session)
                await members.EndSessionAsync(tenant.Id, id, session, clock.GetUtcNow(), context.RequestAborted);
            if (everywhere && await users.FindByIdAsync(id.ToString()) is { } member)
                await users.UpdateSecurityStampAsync(member);
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Deletes the signed-in member's account once they have given their password again (failures count towards a lockout,
    /// as signing in does), then ends this sign-in; the account's new security stamp has ended every other.
    /// </summary>
    public async Task<Error?> DeleteAccountAsync(HttpContext context, string? password, bool deleteContributions, DeleteMyAccount delete)
    {
        if (context.User.MemberId() is not { } id || await users.FindByIdAsync(id.ToString()) is not { } member) return Refused;
        if (string.IsNullOrEmpty(password) || await users.IsLockedOutAsync(member) || !await users.CheckPasswordAsync(member, password))
        {
            if (!string.IsNullOrEmpty(password)) await users.AccessFailedAsync(member);
            return Error.Forbidden("That is not your password, or there have been too many wrong ones: try again in a few minutes.", "password")
                .Keyed("error.wrong-password");
        }
        await delete.DeleteAsync(member.TenantId, member.Id, deleteContributions, context.RequestAborted);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        // The rest of this request (the page saying it is done) is for nobody.
        context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        return null;
    }

    public async Task<Outcome<(MemberToken Stored, string Token)>> IssueTokenAsync(HttpContext context, Member member, string? name, int? days)
    {
        if (TextRules.Check("name", string.IsNullOrWhiteSpace(name) ? "API token" : name, 1, TokenRules.NameMax, out var trimmed) is { } error) return error;
        var lifetime = TokenRules.Days(days, context.Tenant().Accounts.MaxTokenDays);
        if (!lifetime.Succeeded) return lifetime.Error!;
        var token = TokenAuthentication.NewToken();
        var now = clock.GetUtcNow();
        var stored = new MemberToken
        {
            TenantId = member.TenantId, MemberId = member.Id, Hash = TokenAuthentication.Hash(token), Name = trimmed,
            SecurityStamp = member.SecurityStamp, CreatedAt = now, ExpiresAt = now.AddDays(lifetime.Value),
        };
        await members.AddTokenAsync(stored, context.RequestAborted);
        return (stored, token);
    }
}
