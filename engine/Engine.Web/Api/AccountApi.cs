using Engine.Core.Members;
using Engine.Web.Accounts;
using Engine.Web.SingleSignOn;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using ErrorKind = Engine.Core.Common.ErrorKind;

namespace Engine.Web.Api;

public static class AccountApi
{
    public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);
    public sealed record RegisterResponse(string Message);
    /// <param name="Code">For an account that uses two factors: the code from its authenticator app, or a recovery code.</param>
    public sealed record SignInRequest(string? Email, string? Password, string? Code = null);
    public sealed record MemberResponse(long Id, string DisplayName, string Email, string Role);
    /// <param name="Code">For an account that uses two factors: the code from its authenticator app, or a recovery code.</param>
    public sealed record TokenRequest(string? Email, string? Password, string? Name, int? Days, string? Code = null);
    /// <summary>The token itself is shown this once: only its hash is kept.</summary>
    public sealed record TokenResponse(string Token, long Id, string Name, DateTimeOffset ExpiresAt);
    public sealed record TokenSummary(long Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset ExpiresAt);
    public sealed record SignOutRequest(bool Everywhere);
    public sealed record AntiforgeryResponse(string HeaderName, string Token);

    public static void MapAccountApi(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").WithTags("Account").RequireRateLimiting(Hosting.RateLimits.Accounts);
        account.MapPost("/register", async Task<Results<Accepted<RegisterResponse>, Refusal>> (RegisterRequest request, HttpContext context, AccountService accounts, AccountEmails emails) =>
        {
            var outcome = await accounts.RegisterAsync(request.Email, request.Password, request.DisplayName);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            await emails.SendAfterRegisteringAsync(context, outcome.Value!);
            return TypedResults.Accepted((string?)null, new RegisterResponse(AccountService.CheckYourEmail));
        }).OnlyWithPasswords().Refuses(ErrorKind.Validation, ErrorKind.Forbidden).WithSummary("Register on this site. Answers alike whether or not the address already has an account (its owner is emailed instead); sign in afterwards.");

        account.MapPost("/signin", async Task<Results<Ok<MemberResponse>, Refusal>> (SignInRequest request, HttpContext context, AccountService accounts) =>
        {
            var outcome = await accounts.CheckPasswordAndCodeAsync(request.Email, request.Password, request.Code);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            await AccountService.SignInAsync(context, outcome.Value!, outcome.Value!.TwoFactorEnabled ? "Password and code" : "Password");
            var m = outcome.Value!;
            return TypedResults.Ok(new MemberResponse(m.Id, m.DisplayName, m.Email, m.Role));
        }).OnlyWithPasswords().Refuses(ErrorKind.Unauthorized, ErrorKind.Forbidden).WithSummary("Sign in with a cookie.");

        account.MapPost("/tokens", async Task<Results<Ok<TokenResponse>, Refusal>> (TokenRequest request, HttpContext context, AccountService accounts) =>
        {
            var outcome = await accounts.CheckPasswordAndCodeAsync(request.Email, request.Password, request.Code);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            var issued = await accounts.IssueTokenAsync(context, outcome.Value!, request.Name, request.Days);
            return ApiResults.From(issued, t => TypedResults.Ok(new TokenResponse(t.Token, t.Stored.Id, t.Stored.Name, t.Stored.ExpiresAt)));
        }).OnlyWithPasswords().Refuses(ErrorKind.Validation, ErrorKind.Unauthorized, ErrorKind.Forbidden).WithSummary("Issue a personal bearer token for API clients: named, lasting 90 days unless asked otherwise (never past the site's cap).");

        var signedIn = account.MapGroup("/").RequireAuthorization();
        signedIn.MapGet("/tokens", async (HttpContext context, IMemberStore members, TimeProvider clock) =>
            (await members.TokensOfAsync(context.Tenant().Id, context.User.MemberId()!.Value, clock.GetUtcNow(), context.RequestAborted))
                .Select(t => new TokenSummary(t.Id, t.Name, t.CreatedAt, t.LastUsedAt, t.ExpiresAt)))
            .WithSummary("Your personal tokens that still work, newest first (never the tokens themselves).");
        signedIn.MapDelete("/tokens/{id:long}", async Task<Results<NoContent, Refusal>> (long id, HttpContext context, IMemberStore members) =>
            await members.RevokeTokenAsync(context.Tenant().Id, context.User.MemberId()!.Value, id, context.RequestAborted)
                ? TypedResults.NoContent()
                : ApiResults.Problem(Core.Common.Error.NotFound("Token")))
            .Refuses(ErrorKind.NotFound).AddEndpointFilter<CookieAntiforgery>()
            .WithSummary("Revoke one of your personal tokens: it stops working at once.");
        signedIn.MapPost("/signout", async (SignOutRequest? request, HttpContext context, AccountService accounts) =>
        {
            await accounts.SignOutAsync(context, request?.Everywhere == true);
            return TypedResults.NoContent();
        }).AddEndpointFilter<CookieAntiforgery>().WithSummary("End this sign-in; with everywhere, every other sign-in and every personal token too.");

        api.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return new AntiforgeryResponse(tokens.HeaderName!, tokens.RequestToken!);
        }).WithTags("Account").WithSummary("The anti-forgery token a browser client sends with cookie-authenticated writes.");
    }
}
