using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Web.Accounts.TwoFactor;
using Engine.Web.Site;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Accounts.Passkeys;

/// <summary>
/// Passkeys (WebAuthn) through ASP.NET Core Identity's own passkey handler: a member adds one from their two-factor page, signs
/// in with it instead of a password, and removes it. The browser's part needs script (passkeys.js): it asks here for the options,
/// hands them to the authenticator, and posts the authenticator's answer in an ordinary form, which carries the anti-forgery
/// token. The relying party is the site's own host, so a passkey made on one site signs in on that site only.
/// </summary>
public static class PasskeyPages
{
    public const string AccountPath = "/account/passkeys";
    public const string SignInPath = "/account/signin/passkey";

    public static readonly Error NotAdded = Error.Invalid("passkey",
        "Your passkey was not added: your browser or device did not finish making it. Try again, or use another device.").Keyed("error.passkey-not-added");

    public static readonly Error Refused = new Error(ErrorKind.Unauthorized,
        "That passkey does not sign in to an account on this site: it may have been removed. Sign in with your password, or try another passkey.",
        "passkey").Keyed("error.passkey-refused");

    public static void MapPasskeyPages(this IEndpointRouteBuilder app)
    {
        app.MapPost($"{AccountPath}/options", CreationOptions).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapPost($"{AccountPath}/add", Add).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapPost($"{AccountPath}/remove", Remove);
        app.MapPost($"{SignInPath}/options", RequestOptions).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapPost(SignInPath, SignIn).RequireRateLimiting(Hosting.RateLimits.Accounts);
    }

    /// <summary>What the browser needs to make a passkey for the signed-in member; the challenge is remembered for <see cref="Add"/>.</summary>
    private static async Task<IResult> CreationOptions([AsParameters] SitePage page, UserManager<Member> users, IPasskeyHandler<Member> passkeys,
        PasskeyCeremonies ceremonies)
    {
        if (await TwoFactorPages.SignedInAsync(page, users) is not { } member) return Results.Unauthorized();
        var options = await passkeys.MakeCreationOptionsAsync(new PasskeyUserEntity { Id = member.Id.ToString(), Name = member.Email, DisplayName = member.DisplayName },
            page.Context);
        ceremonies.Remember(page.Context, options.AttestationState);
        return Results.Content(options.CreationOptionsJson, "application/json");
    }

    private static async Task<IResult> Add([AsParameters] SitePage page, [FromForm] string? name, [FromForm] string? credential,
        UserManager<Member> users, IPasskeyHandler<Member> passkeys, PasskeyCeremonies ceremonies, TwoFactorService twoFactor)
    {
        if (await TwoFactorPages.SignedInAsync(page, users) is not { } member) return page.SignInFirst();
        var state = ceremonies.Recall(page.Context);
        var made = string.IsNullOrEmpty(credential) || state is null ? null
            : await passkeys.PerformAttestationAsync(new PasskeyAttestationContext { HttpContext = page.Context, CredentialJson = credential, AttestationState = state });
        if (made is not { Succeeded: true } || made.UserEntity.Id != member.Id.ToString())
            return await TwoFactorPages.ShowAsync(page, member, twoFactor, users, error: NotAdded, status: 400);
        made.Passkey.Name = TextRules.Check("name", string.IsNullOrWhiteSpace(name) ? page.Words("passkey.default-name") : name, 1, 60, out var trimmed) is null
            ? trimmed : page.Words("passkey.default-name");
        await users.AddOrUpdatePasskeyAsync(member, made.Passkey);
        return Results.Redirect($"{page.BasePath}{TwoFactorPages.Path}#passkeys");
    }

    /// <summary>Removes one of the member's own passkeys; an id that is not theirs removes nothing.</summary>
    private static async Task<IResult> Remove([AsParameters] SitePage page, [FromForm] string? id, IPasskeyStore passkeys)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        if (!string.IsNullOrEmpty(id)) await passkeys.RemoveAsync(page.Tenant.Id, memberId, id, page.Aborted);
        return Results.Redirect($"{page.BasePath}{TwoFactorPages.Path}#passkeys");
    }

    /// <summary>What the browser needs to sign in with any passkey it holds for this site (no address asked: the passkey says whose it is).</summary>
    private static async Task<IResult> RequestOptions([AsParameters] SitePage page, IPasskeyHandler<Member> passkeys, PasskeyCeremonies ceremonies)
    {
        var options = await passkeys.MakeRequestOptionsAsync(null, page.Context);
        ceremonies.Remember(page.Context, options.AssertionState);
        return Results.Content(options.RequestOptionsJson, "application/json");
    }

    /// <summary>
    /// The authenticator signed this site's challenge with a passkey the site knows: the member is signed in. A passkey is two
    /// factors in itself (the device, and the PIN or fingerprint that unlocks it: user verification is required), so no code is asked.
    /// </summary>
    private static async Task<IResult> SignIn([AsParameters] SitePage page, [FromForm] string? credential, [FromForm] string? returnUrl,
        UserManager<Member> users, IPasskeyHandler<Member> passkeys, PasskeyCeremonies ceremonies)
    {
        var state = ceremonies.Recall(page.Context);
        var used = string.IsNullOrEmpty(credential) || state is null ? null
            : await passkeys.PerformAssertionAsync(new PasskeyAssertionContext { HttpContext = page.Context, CredentialJson = credential, AssertionState = state });
        if (used is not { Succeeded: true } || used.User.Blocked)
            return AccountPages.SignInForm(page, new Engine.Themes.Pages.SignInForm(null, Views.Text(returnUrl), null), Refused, 400);
        // The new signature counter, so a cloned authenticator replaying an older count is caught next time.
        await users.AddOrUpdatePasskeyAsync(used.User, used.Passkey);
        await AccountService.SignInAsync(page.Context, used.User, "Passkey");
        return Results.Redirect(page.LocalUrl(returnUrl));
    }
}
