using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts;

/// <summary>Registration and sign-in, shared by the HTML forms and the JSON API.</summary>
public sealed class AccountService(UserManager<Member> users, IMemberStore members, TimeProvider clock)
{
    public async Task<Outcome<Member>> RegisterAsync(string? email, string? password, string? displayName)
    {
        if (MemberRules.CheckRegistration(email, displayName) is { } error) return error;
        var member = new Member { Email = email!.Trim(), DisplayName = displayName!.Trim() };
        var result = await users.CreateAsync(member, password ?? "");
        if (result.Succeeded) return member;
        var first = result.Errors.First();
        var field = first.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email";
        return Error.Invalid(field, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Checks the password, counting failures towards a lockout as Identity does.</summary>
    public async Task<Outcome<Member>> CheckPasswordAsync(string? email, string? password)
    {
        var refused = new Error(ErrorKind.Unauthorized, "That email and password do not match an account on this site.");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return refused;
        var member = await users.FindByEmailAsync(email.Trim());
        if (member is null) return refused;
        if (member.Blocked)
            return new Error(ErrorKind.Unauthorized, "This account has been blocked by the site's moderators.");
        if (await users.IsLockedOutAsync(member))
            return new Error(ErrorKind.Unauthorized, "This account is locked after too many failed attempts. Try again in a few minutes.");
        if (!await users.CheckPasswordAsync(member, password))
        {
            await users.AccessFailedAsync(member);
            return refused;
        }
        await users.ResetAccessFailedCountAsync(member);
        return member;
    }

    public static Task SignInAsync(HttpContext context, Member member) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            member.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = true });

    public async Task<string> IssueTokenAsync(Member member)
    {
        var token = TokenAuthentication.NewToken();
        await members.AddTokenAsync(member.TenantId, member.Id, TokenAuthentication.Hash(token), clock.GetUtcNow());
        return token;
    }
}
