using Engine.Core.Members;
using Engine.Themes.Pages;
using Engine.Web.Accounts;
using Engine.Web.Accounts.Passkeys;
using Engine.Web.Accounts.TwoFactor;
using Engine.Web.SingleSignOn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

public static class AccountPages
{
    public static void MapAccountPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/register", ([AsParameters] SitePage page, string? returnUrl) =>
            RegisterForm(page, new RegisterForm(null, null, Views.Text(returnUrl)))).OnlyWithPasswords();
        app.MapPost("/account/register", Register).RequireRateLimiting(Hosting.RateLimits.Accounts).OnlyWithPasswords();
        app.MapGet("/account/signin", ([AsParameters] SitePage page, string? returnUrl, bool? registered) =>
            SignInForm(page, new SignInForm(null, Views.Text(returnUrl), registered == true ? page.Words("message.check-your-email-registered") : null)));
        app.MapPost("/account/signin", SignIn).RequireRateLimiting(Hosting.RateLimits.Accounts).OnlyWithPasswords();
        app.MapPost("/account/signout", SignOut);
        app.MapGet("/account/contributions", ContributionPages.Show);
        app.MapGet("/account/confirm-email", ([AsParameters] SitePage page, long? member, string? token) =>
            Form(page, "confirm-email", page.Words("title.confirm-email"), null, 200,
                (frame, errors) => new ConfirmEmailPage(frame, new EmailLinkForm(member, Views.Text(token)), errors)));
        app.MapPost("/account/confirm-email", ConfirmEmail).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapGet("/account/forgot-password", ([AsParameters] SitePage page) => ForgotPasswordForm(page, new ForgotPasswordForm(null))).OnlyWithPasswords();
        app.MapPost("/account/forgot-password", ForgotPassword).RequireRateLimiting(Hosting.RateLimits.Accounts).OnlyWithPasswords();
        app.MapGet("/account/reset-password", ([AsParameters] SitePage page, long? member, string? token) =>
            ResetPasswordForm(page, new EmailLinkForm(member, Views.Text(token)))).OnlyWithPasswords();
        app.MapPost("/account/reset-password", ResetPassword).RequireRateLimiting(Hosting.RateLimits.Accounts).OnlyWithPasswords();
        app.MapTokenPages();
        app.MapTwoFactorPages();
        app.MapPasskeyPages();
        app.MapSingleSignOnPages();
    }

    private static async Task<IResult> Register([AsParameters] SitePage page, [FromForm] string? email, [FromForm] string? password,
        [FromForm] string? displayName, [FromForm] string? returnUrl, AccountService accounts, AccountEmails emails)
    {
        var outcome = await accounts.RegisterAsync(email, password, displayName);
        if (!outcome.Succeeded)
            return RegisterForm(page, new RegisterForm(Views.Text(email), Views.Text(displayName), Views.Text(returnUrl)), outcome.Error, 400);
        await emails.SendAfterRegisteringAsync(page.Context, outcome.Value!);
        // Nobody is signed in, and the same answer either way: signing in here would tell whether the address was free (see AccountService.RegisterAsync).
        return Results.Redirect($"{page.Context.Request.PathBase}/account/signin?registered=true&returnUrl={Uri.EscapeDataString(page.LocalUrl(returnUrl))}");
    }

    private static async Task<IResult> SignIn([AsParameters] SitePage page, [FromForm] string? email, [FromForm] string? password,
        [FromForm] string? returnUrl, AccountService accounts)
    {
        var outcome = await accounts.CheckPasswordAsync(email, password);
        if (!outcome.Succeeded)
            return SignInForm(page, new SignInForm(Views.Text(email), Views.Text(returnUrl), null), outcome.Error! with { Field = "password" }, 400);
        return Results.Redirect(await TwoFactorSignIn.SignInAsync(page.Context, outcome.Value!, "Password", page.LocalUrl(returnUrl)));
    }

    private static async Task<IResult> SignOut([AsParameters] SitePage page, [FromForm] string? returnUrl, [FromForm] bool? everywhere, AccountService accounts)
    {
        await accounts.SignOutAsync(page.Context, everywhere == true);
        return Results.Redirect(page.LocalUrl(null));
    }

    /// <summary>A button, not the link itself: mail scanners open links, and must not confirm an address for its owner.</summary>
    private static async Task<IResult> ConfirmEmail([AsParameters] SitePage page, [FromForm] long? member, [FromForm] string? token, UserManager<Member> users)
    {
        var found = member is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (found is null || string.IsNullOrEmpty(token) || !(await users.ConfirmEmailAsync(found, token)).Succeeded)
            return page.Message(400, page.Words("message.link-broken"), page.Words("message.confirm-link-broken-text"));
        return page.Message(200, page.Words("message.email-confirmed"), page.Words("message.email-confirmed-text"));
    }

    /// <summary>The same answer whether or not the address has an account here, so nobody can find out who is registered.</summary>
    private static async Task<IResult> ForgotPassword([AsParameters] SitePage page, [FromForm] string? email, UserManager<Member> users, AccountEmails emails)
    {
        if (string.IsNullOrWhiteSpace(email) || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
            return ForgotPasswordForm(page, new ForgotPasswordForm(Views.Text(email)),
                Core.Common.Error.Invalid("email", "Enter the email address you registered with, like name@example.nhs.uk.").Keyed("error.registered-email"), 400);
        var member = await users.FindByEmailAsync(email.Trim());
        if (member is { Blocked: false }) await emails.SendPasswordResetAsync(page.Context, member);
        return page.Message(200, page.Words("message.check-your-email"), page.Words("message.reset-link-sent", email.Trim()));
    }

    private static async Task<IResult> ResetPassword([AsParameters] SitePage page, [FromForm] long? member, [FromForm] string? token, [FromForm] string? password,
        UserManager<Member> users)
    {
        var found = member is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (found is null || string.IsNullOrEmpty(token))
            return Expired(page);
        var result = await users.ResetPasswordAsync(found, token, password ?? "");
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) return Expired(page);
            return ResetPasswordForm(page, new EmailLinkForm(member, Views.Text(token)),
                Accounts.PasswordErrors.Of("password", result.Errors, users.Options.Password), 400);
        }
        // The link came to the address, so the address is theirs; and a locked account opens again.
        found.EmailConfirmed = true;
        found.LockoutEnd = null;
        found.AccessFailedCount = 0;
        await users.UpdateAsync(found);
        return page.Message(200, page.Words("message.password-changed"), page.Words("message.password-changed-text"));
    }

    private static ThemedPage Expired(SitePage page) => page.Message(400, page.Words("message.link-broken"), page.Words("message.reset-link-broken-text"));

    private static ThemedPage RegisterForm(SitePage page, RegisterForm form, Core.Common.Error? error = null, int status = 200) =>
        Form(page, "register", page.Words("title.register"), error, status, (frame, errors) => new RegisterPage(frame, form, errors));

    /// <summary>The sign-in page: the password form where the site has password accounts, and a button for each of its providers.</summary>
    internal static ThemedPage SignInForm(SitePage page, SignInForm form, Core.Common.Error? error = null, int status = 200)
    {
        var returnUrl = form.ReturnUrl is { Length: > 0 } back ? $"?returnUrl={Uri.EscapeDataString(back)}" : "";
        form = form with
        {
            Passwords = page.Tenant.SignIn.Passwords,
            Providers = page.Tenant.SignIn.OpenIdConnect
                .Select(p => new SignInProvider(p.Label, $"{page.BasePath}{SingleSignOnServices.StartPath(p.Id)}{returnUrl}")).ToList(),
        };
        return Form(page, "signin", page.Words("title.sign-in"), error, status, (frame, errors) => new SignInPage(frame, form, errors));
    }

    private static ThemedPage ForgotPasswordForm(SitePage page, ForgotPasswordForm form, Core.Common.Error? error = null, int status = 200) =>
        Form(page, "forgot-password", page.Words("title.forgot-password"), error, status, (frame, errors) => new ForgotPasswordPage(frame, form, errors));

    private static ThemedPage ResetPasswordForm(SitePage page, EmailLinkForm form, Core.Common.Error? error = null, int status = 200) =>
        Form(page, "reset-password", page.Words("title.reset-password"), error, status, (frame, errors) => new ResetPasswordPage(frame, form, errors));

    /// <summary>An account form's page: it has forms, so its frame carries the anti-forgery token even for visitors.</summary>
    private static ThemedPage Form(SitePage page, string name, string title, Core.Common.Error? error, int status,
        Func<PageFrame, FieldErrors, IPage> model)
    {
        var shown = Views.Error(error, page.Culture);
        return new ThemedPage(name, model(page.Frame(title, hasForms: true, error: shown), FieldErrors.Of(shown)), status);
    }
}
