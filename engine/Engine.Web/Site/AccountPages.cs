using Engine.Core.Members;
using Engine.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

public static class AccountPages
{
    public static void MapAccountPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/register", (HttpContext context, string? returnUrl) =>
            Form(context, "register", "Create an account", new { email = "", displayName = "", returnUrl }, null));
        app.MapPost("/account/register", Register).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapGet("/account/signin", (HttpContext context, string? returnUrl, bool? registered) =>
            Form(context, "signin", "Sign in", new { email = "", returnUrl, notice = registered == true ? AccountService.CheckYourEmail : null }, null));
        app.MapPost("/account/signin", SignIn).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapPost("/account/signout", SignOut);
        app.MapGet("/account/contributions", ContributionPages.Show);
        app.MapGet("/account/confirm-email", (HttpContext context, long? member, string? token) =>
            Form(context, "confirm-email", "Confirm your email address", new { member, token }, null));
        app.MapPost("/account/confirm-email", ConfirmEmail).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapGet("/account/forgot-password", (HttpContext context) => Form(context, "forgot-password", "Reset your password", new { email = "" }, null));
        app.MapPost("/account/forgot-password", ForgotPassword).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapGet("/account/reset-password", (HttpContext context, long? member, string? token) =>
            Form(context, "reset-password", "Choose a new password", new { member, token }, null));
        app.MapPost("/account/reset-password", ResetPassword).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapTokenPages();
    }

    private static async Task<IResult> Register(HttpContext context, [FromForm] string? email, [FromForm] string? password,
        [FromForm] string? displayName, [FromForm] string? returnUrl, AccountService accounts, AccountEmails emails)
    {
        var outcome = await accounts.RegisterAsync(email, password, displayName);
        if (!outcome.Succeeded)
            return Form(context, "register", "Create an account", new { email, displayName, returnUrl }, outcome.Error, 400);
        await emails.SendAfterRegisteringAsync(context, outcome.Value!);
        // Nobody is signed in, and the same answer either way: signing in here would tell whether the address was free (see AccountService.RegisterAsync).
        return Results.Redirect($"{context.Request.PathBase}/account/signin?registered=true&returnUrl={Uri.EscapeDataString(PageModel.LocalUrl(context, returnUrl))}");
    }

    private static async Task<IResult> SignIn(HttpContext context, [FromForm] string? email, [FromForm] string? password,
        [FromForm] string? returnUrl, AccountService accounts)
    {
        var outcome = await accounts.CheckPasswordAsync(email, password);
        if (!outcome.Succeeded)
            return Form(context, "signin", "Sign in", new { email, returnUrl }, outcome.Error! with { Field = "password" }, 400);
        await AccountService.SignInAsync(context, outcome.Value!);
        return Results.Redirect(PageModel.LocalUrl(context, returnUrl));
    }

    private static async Task<IResult> SignOut(HttpContext context, [FromForm] string? returnUrl, [FromForm] bool? everywhere, AccountService accounts)
    {
        await accounts.SignOutAsync(context, everywhere == true);
        return Results.Redirect(PageModel.LocalUrl(context, null));
    }

    /// <summary>A button, not the link itself: mail scanners open links, and must not confirm an address for its owner.</summary>
    private static async Task<IResult> ConfirmEmail(HttpContext context, [FromForm] long? member, [FromForm] string? token, UserManager<Member> users)
    {
        var found = member is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (found is null || string.IsNullOrEmpty(token) || !(await users.ConfirmEmailAsync(found, token)).Succeeded)
            return PageModel.Message(context, 400, "This link does not work",
                "It may have expired (links last a day) or been cut short by your email program. Sign in and ask for a new one from your email preferences.");
        return PageModel.Message(context, 200, "Your email address is confirmed",
            "Thank you. You will now get the emails you choose in your email preferences: replies, updates on ideas you follow, and your digest.");
    }

    /// <summary>The same answer whether or not the address has an account here, so nobody can find out who is registered.</summary>
    private static async Task<IResult> ForgotPassword(HttpContext context, [FromForm] string? email, UserManager<Member> users, AccountEmails emails)
    {
        if (string.IsNullOrWhiteSpace(email) || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
            return Form(context, "forgot-password", "Reset your password", new { email }, Core.Common.Error.Invalid("email", "Enter the email address you registered with, like name@example.nhs.uk."), 400);
        var member = await users.FindByEmailAsync(email.Trim());
        if (member is { Blocked: false }) await emails.SendPasswordResetAsync(context, member);
        return PageModel.Message(context, 200, "Check your email",
            $"If {email.Trim()} has an account on this site, we have sent it a link to choose a new password. The link lasts a day.");
    }

    private static async Task<IResult> ResetPassword(HttpContext context, [FromForm] long? member, [FromForm] string? token, [FromForm] string? password,
        UserManager<Member> users)
    {
        var found = member is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (found is null || string.IsNullOrEmpty(token))
            return Expired(context);
        var result = await users.ResetPasswordAsync(found, token, password ?? "");
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) return Expired(context);
            return Form(context, "reset-password", "Choose a new password", new { member, token },
                Core.Common.Error.Invalid("password", string.Join(" ", result.Errors.Select(e => e.Description))), 400);
        }
        // The link came to the address, so the address is theirs; and a locked account opens again.
        found.EmailConfirmed = true;
        found.LockoutEnd = null;
        found.AccessFailedCount = 0;
        await users.UpdateAsync(found);
        return PageModel.Message(context, 200, "Your password has been changed", "You can now sign in with your new password.");
    }

    private static ThemedPage Expired(HttpContext context) => PageModel.Message(context, 400, "This link does not work",
        "It may have expired (links last a day), been used already, or been cut short by your email program. Ask for a new one from the sign-in page.");

    private static ThemedPage Form(HttpContext context, string page, string title, object form, Core.Common.Error? error, int status = 200)
    {
        var model = PageModel.For(context, title, hasForms: true);
        model["form"] = form;
        model["error"] = error is null ? null : new { field = error.Field, message = error.Message };
        model["errors"] = ChallengePages.FieldErrors(error);
        return new ThemedPage(page, model, status);
    }
}
