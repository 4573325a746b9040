using Engine.Web.Accounts;
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
        app.MapGet("/account/signin", (HttpContext context, string? returnUrl) =>
            Form(context, "signin", "Sign in", new { email = "", returnUrl }, null));
        app.MapPost("/account/signin", SignIn).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapPost("/account/signout", SignOut);
        app.MapGet("/account/contributions", ContributionPages.Show);
    }

    private static async Task<IResult> Register(HttpContext context, [FromForm] string? email, [FromForm] string? password,
        [FromForm] string? displayName, [FromForm] string? returnUrl, AccountService accounts)
    {
        var outcome = await accounts.RegisterAsync(email, password, displayName);
        if (!outcome.Succeeded)
            return Form(context, "register", "Create an account", new { email, displayName, returnUrl }, outcome.Error, 400);
        await AccountService.SignInAsync(context, outcome.Value!);
        return Results.Redirect(PageModel.LocalUrl(context, returnUrl));
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

    private static async Task<IResult> SignOut(HttpContext context, [FromForm] string? returnUrl)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect(PageModel.LocalUrl(context, null));
    }

    private static ThemedPage Form(HttpContext context, string page, string title, object form, Core.Common.Error? error, int status = 200)
    {
        var model = PageModel.For(context, title, hasForms: true);
        model["form"] = form;
        model["error"] = error is null ? null : new { field = error.Field, message = error.Message };
        model["errors"] = ChallengePages.FieldErrors(error);
        return new ThemedPage(page, model, status);
    }
}
