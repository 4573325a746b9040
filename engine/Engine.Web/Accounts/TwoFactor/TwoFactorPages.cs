using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Themes.Pages;
using Engine.Web.Site;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Accounts.TwoFactor;

/// <summary>
/// "Two-factor authentication": enrolling an authenticator app (a QR code and the key as text, then a first code), the recovery
/// codes shown once, switching it off with a code; and the sign-in step that asks for the code. Every page works without script.
/// </summary>
public static class TwoFactorPages
{
    public const string Path = "/account/two-factor";

    public static void MapTwoFactorPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async ([AsParameters] SitePage page, UserManager<Member> users, TwoFactorService twoFactor) =>
            await SignedInAsync(page, users) is { } member ? await ShowAsync(page, member, twoFactor, users) : page.SignInFirst());
        app.MapGet($"{Path}/qr.svg", QrCode);
        app.MapPost($"{Path}/start", Start);
        app.MapPost($"{Path}/enable", Enable).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapPost($"{Path}/disable", Disable).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapGet(TwoFactorSignIn.CodePath, CodeForm);
        app.MapPost(TwoFactorSignIn.CodePath, Code).RequireRateLimiting(Hosting.RateLimits.Accounts);
    }

    internal static async Task<Member?> SignedInAsync(SitePage page, UserManager<Member> users) =>
        page.Context.User.MemberId() is { } id ? await users.FindByIdAsync(id.ToString()) : null;

    /// <summary>The QR code of the key the member is enrolling with: a picture of a secret, so theirs alone and never kept by a cache.</summary>
    private static async Task<IResult> QrCode([AsParameters] SitePage page, UserManager<Member> users)
    {
        if (await SignedInAsync(page, users) is not { TwoFactorEnabled: false, AuthenticatorKey: not null } member) return page.SignInFirst();
        page.Context.Response.Headers.CacheControl = "no-store";
        return Results.Text(QrCodes.Svg(TwoFactorService.AppUri(member, page.Tenant.Name)), "image/svg+xml");
    }

    private static async Task<IResult> Start([AsParameters] SitePage page, UserManager<Member> users, TwoFactorService twoFactor)
    {
        if (await SignedInAsync(page, users) is not { } member) return page.SignInFirst();
        await twoFactor.StartAsync(member);
        return Results.Redirect($"{page.BasePath}{Path}");
    }

    private static async Task<IResult> Enable([AsParameters] SitePage page, [FromForm] string? code, UserManager<Member> users, TwoFactorService twoFactor)
    {
        if (await SignedInAsync(page, users) is not { } member) return page.SignInFirst();
        var enabled = await twoFactor.EnableAsync(member, code);
        if (!enabled.Succeeded) return await ShowAsync(page, member, twoFactor, users, error: enabled.Error, status: 400);
        await AccountService.RenewSignInAsync(page.Context, member);
        return await ShowAsync(page, member, twoFactor, users, recoveryCodes: enabled.Value);
    }

    private static async Task<IResult> Disable([AsParameters] SitePage page, [FromForm] string? code, UserManager<Member> users, TwoFactorService twoFactor)
    {
        if (await SignedInAsync(page, users) is not { } member) return page.SignInFirst();
        if (await twoFactor.DisableAsync(member, code) is { } refused) return await ShowAsync(page, member, twoFactor, users, error: refused, status: 400);
        await AccountService.RenewSignInAsync(page.Context, member);
        return Results.Redirect($"{page.BasePath}{Path}");
    }

    /// <summary>The page, with the member's passkeys (added and removed here too: see <see cref="Passkeys.PasskeyPages"/>).</summary>
    internal static async Task<IResult> ShowAsync(SitePage page, Member member, TwoFactorService twoFactor, UserManager<Member> users,
        IReadOnlyList<string>? recoveryCodes = null,
        Core.Common.Error? error = null, int status = 200)
    {
        var enrolment = member is { TwoFactorEnabled: false, AuthenticatorKey: { } key }
            ? new TwoFactorEnrolment($"{page.BasePath}{Path}/qr.svg", TwoFactorService.Readable(key), TwoFactorService.AppUri(member, page.Tenant.Name))
            : null;
        var shown = Views.Error(error, page.Culture);
        var model = new TwoFactorPage(page.Frame(page.Words("title.two-factor"), hasForms: true, error: shown), member.TwoFactorEnabled, enrolment,
            (recoveryCodes ?? []).Select(c => new RecoveryCodeView(c)).ToList(), member.TwoFactorEnabled ? await twoFactor.RecoveryCodesLeftAsync(member) : 0,
            StaffTwoFactor.MustEnrol(page.Tenant, member), FieldErrors.Of(shown))
        {
            Passkeys = (await users.GetPasskeysAsync(member))
                .Select(p => new PasskeyView(Passkeys.StoredPasskeys.Id(p.CredentialId), p.Name ?? "", TimeZoneInfo.ConvertTime(p.CreatedAt, page.Tenant.Zone()).ToString("d MMMM yyyy, HH:mm", page.Culture))).ToList(),
        };
        // The key and the recovery codes are secrets: never kept by any cache.
        page.Context.Response.Headers.CacheControl = "no-store";
        return new ThemedPage("two-factor", model, status);
    }

    private static async Task<IResult> CodeForm([AsParameters] SitePage page, string? returnUrl, IMemberStore members) =>
        await TwoFactorSignIn.WaitingAsync(page.Context, members) is null
            ? Results.Redirect($"{page.BasePath}/account/signin?returnUrl={Uri.EscapeDataString(page.LocalUrl(returnUrl))}")
            : CodePage(page, returnUrl, null, 200);

    private static async Task<IResult> Code([AsParameters] SitePage page, [FromForm] string? code, [FromForm] string? returnUrl, IMemberStore members,
        TwoFactorService twoFactor)
    {
        if (await TwoFactorSignIn.WaitingAsync(page.Context, members) is not { } waiting)
            return Results.Redirect($"{page.BasePath}/account/signin?returnUrl={Uri.EscapeDataString(page.LocalUrl(returnUrl))}");
        var (member, how) = waiting;
        if (!await twoFactor.CheckAsync(member, code)) return CodePage(page, returnUrl, TwoFactorService.WrongCode, 400);
        await TwoFactorSignIn.FinishAsync(page.Context, member, how);
        return Results.Redirect(page.LocalUrl(returnUrl));
    }

    private static ThemedPage CodePage(SitePage page, string? returnUrl, Core.Common.Error? error, int status)
    {
        var shown = Views.Error(error, page.Culture);
        page.Context.Response.Headers.CacheControl = "no-store";
        return new ThemedPage("signin-code",
            new SignInCodePage(page.Frame(page.Words("title.signin-code"), hasForms: true, error: shown), Views.Text(returnUrl), FieldErrors.Of(shown)), status);
    }
}
