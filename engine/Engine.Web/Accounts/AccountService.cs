using Engine.Core.Common;
using Engine.Core.DataRights;
using Engine.Core.Members;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts;

/// <summary>Registration, sign-in and sign-out, and personal tokens, shared by the HTML forms and the JSON API.</summary>
public sealed class AccountService(UserManager<Member> users, IMemberStore members, ISessionStore sessions, TwoFactor.TwoFactorService twoFactor,
    IHttpContextAccessor http, TimeProvider clock)
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

    /// <summary>
    /// For the API, which signs in in one request: the password, and for a member who uses two factors the code too. Only someone
    /// who gave the right password learns that a code is needed.
    /// </summary>
    public async Task<Outcome<Member>> CheckPasswordAndCodeAsync(string? email, string? password, string? code)
    {
        var outcome = await CheckPasswordAsync(email, password);
        if (!outcome.Succeeded || !outcome.Value!.TwoFactorEnabled) return outcome;
        if (string.IsNullOrWhiteSpace(code))
            return new Error(ErrorKind.Unauthorized, "This account uses two factors: send the code from its authenticator app (or a recovery code) as code.", "code")
                .Keyed("error.two-factor-code-needed");
        return await twoFactor.CheckAsync(outcome.Value, code) ? outcome : TwoFactor.TwoFactorService.WrongCode with { Kind = ErrorKind.Unauthorized };
    }

    private static readonly Member NoOne = new();
    private static readonly Lazy<string> NoOnesHash = new(() => new PasswordHasher<Member>().HashPassword(NoOne, Guid.NewGuid().ToString()));

    /// <summary>
    /// A new session: its id goes in the cookie, so signing out can end that cookie and every copy of it; and it is recorded,
    /// with <paramref name="how"/> and the browser, for the member's list of sign-ins.
    /// </summary>
    /// <param name="how">How the member proved who they are ("Password", "Password and code", a provider's button label).</param>
    public static async Task SignInAsync(HttpContext context, Member member, string how = "Password")
    {
        var session = Guid.NewGuid().ToString("N");
        var device = context.Request.Headers.UserAgent.ToString();
        await context.RequestServices.GetRequiredService<ISessionStore>().StartAsync(member.TenantId,
            new MemberSession(session, member.Id, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), how,
                device.Length > 200 ? device[..200] : device), context.RequestAborted);
        await StartSessionAsync(context, member, session);
    }

    /// <summary>
    /// The same session, with the member as stored now: after a change of their own that gave them a new security stamp (switching
    /// two factors on or off), this browser stays signed in while every other sign-in ends.
    /// </summary>
    public static Task RenewSignInAsync(HttpContext context, Member member) =>
        StartSessionAsync(context, member, context.User.FindFirst(MemberClaims.SessionClaim)?.Value ?? Guid.NewGuid().ToString("N"));

    private static Task StartSessionAsync(HttpContext context, Member member, string session) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            member.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme, session),
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

    /// <summary>How recent a sign-in must be to delete an account that has neither a password nor two factors to give.</summary>
    public static readonly TimeSpan FreshSignIn = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Deletes the signed-in member's account once they have proved again that it is theirs: with their password (failures count
    /// towards a lockout, as signing in does); without a password (they sign in through the site's provider), with a code from
    /// their authenticator app, or else by having signed in within the last <see cref="FreshSignIn"/>. Then it ends this sign-in;
    /// the account's new security stamp has ended every other.
    /// </summary>
    public async Task<Error?> DeleteAccountAsync(HttpContext context, string? password, string? code, bool deleteContributions, DeleteMyAccount delete)
    {
        if (context.User.MemberId() is not { } id || await users.FindByIdAsync(id.ToString()) is not { } member) return Refused;
        if (await ProveAgainAsync(context, member, password, code) is { } refused) return refused;
        await delete.DeleteAsync(member.TenantId, member.Id, deleteContributions, context.RequestAborted);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        // The rest of this request (the page saying it is done) is for nobody.
        context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        return null;
    }

    private async Task<Error?> ProveAgainAsync(HttpContext context, Member member, string? password, string? code)
    {
        if (member.PasswordHash is not null)
        {
            if (!string.IsNullOrEmpty(password) && !await users.IsLockedOutAsync(member) && await users.CheckPasswordAsync(member, password)) return null;
            if (!string.IsNullOrEmpty(password)) await users.AccessFailedAsync(member);
            return Error.Forbidden("That is not your password, or there have been too many wrong ones: try again in a few minutes.", "password")
                .Keyed("error.wrong-password");
        }
        if (member.TwoFactorEnabled) return await twoFactor.CheckAsync(member, code) ? null : TwoFactor.TwoFactorService.WrongCode;
        var session = context.User.FindFirst(MemberClaims.SessionClaim)?.Value;
        var started = session is null ? null
            : (await sessions.OpenAsync(member.TenantId, member.Id, context.RequestAborted)).FirstOrDefault(s => s.SessionId == session)?.StartedAt;
        return started > clock.GetUtcNow() - FreshSignIn ? null
            : Error.Forbidden($"To delete your account, sign out, sign in again, and delete it within {FreshSignIn.TotalMinutes:0} minutes: that shows it is you and not someone at a computer you left signed in.")
                .Keyed("error.sign-in-again", FreshSignIn.TotalMinutes);
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
