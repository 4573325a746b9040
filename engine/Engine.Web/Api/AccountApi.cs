using Engine.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;

namespace Engine.Web.Api;

public static class AccountApi
{
    public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);
    public sealed record SignInRequest(string? Email, string? Password);
    public sealed record MemberResponse(long Id, string DisplayName, string Email, string Role);
    public sealed record TokenResponse(string Token);
    public sealed record AntiforgeryResponse(string HeaderName, string Token);

    public static void MapAccountApi(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").WithTags("Account").RequireRateLimiting(Hosting.RateLimits.Accounts);
        account.MapPost("/register", async (RegisterRequest request, HttpContext context, AccountService accounts, AccountEmails emails) =>
        {
            var outcome = await accounts.RegisterAsync(request.Email, request.Password, request.DisplayName);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            await emails.SendConfirmationAsync(context, outcome.Value!);
            await AccountService.SignInAsync(context, outcome.Value!);
            var m = outcome.Value!;
            return Results.Created($"{context.Request.PathBase}/api/v1/account/me", new MemberResponse(m.Id, m.DisplayName, m.Email, m.Role));
        }).WithSummary("Register on this site; signs in with a cookie.");

        account.MapPost("/signin", async (SignInRequest request, HttpContext context, AccountService accounts) =>
        {
            var outcome = await accounts.CheckPasswordAsync(request.Email, request.Password);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            await AccountService.SignInAsync(context, outcome.Value!);
            var m = outcome.Value!;
            return Results.Ok(new MemberResponse(m.Id, m.DisplayName, m.Email, m.Role));
        }).WithSummary("Sign in with a cookie.");

        account.MapPost("/tokens", async (SignInRequest request, AccountService accounts) =>
        {
            var outcome = await accounts.CheckPasswordAsync(request.Email, request.Password);
            return outcome.Succeeded
                ? Results.Ok(new TokenResponse(await accounts.IssueTokenAsync(outcome.Value!)))
                : ApiResults.Problem(outcome.Error!);
        }).WithSummary("Issue a personal bearer token for API clients.");

        api.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return new AntiforgeryResponse(tokens.HeaderName!, tokens.RequestToken!);
        }).WithTags("Account").WithSummary("The anti-forgery token a browser client sends with cookie-authenticated writes.");
    }
}
