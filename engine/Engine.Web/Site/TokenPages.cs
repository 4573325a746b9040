using System.Globalization;
using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

/// <summary>
/// "Sign-ins and tokens": the member's personal API tokens (made, listed and revoked here), and signing out everywhere.
/// A new token is shown once, on the page that made it: only its hash is kept.
/// </summary>
public static class TokenPages
{
    public static void MapTokenPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/tokens", (HttpContext context, IMemberStore members, TimeProvider clock) => Show(context, members, clock, null, null));
        app.MapPost("/account/tokens", Create);
        app.MapPost("/account/tokens/revoke", Revoke);
    }

    private static async Task<IResult> Create(HttpContext context, [FromForm] string? name, [FromForm] int? days,
        AccountService accounts, IMemberStore members, TimeProvider clock)
    {
        if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
        var member = await members.FindByIdAsync(context.Tenant().Id, memberId, context.RequestAborted);
        if (member is null) return ChallengePages.SignInFirst(context);
        var issued = await accounts.IssueTokenAsync(context, member, name, days);
        return await Show(context, members, clock, issued.Succeeded ? issued.Value.Token : null, issued.Error, issued.Succeeded ? 200 : 400, name);
    }

    private static async Task<IResult> Revoke(HttpContext context, [FromForm] long? id, IMemberStore members)
    {
        if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
        if (id is not { } tokenId || !await members.RevokeTokenAsync(context.Tenant().Id, memberId, tokenId, context.RequestAborted))
            return PageModel.NotFound(context);
        return Results.Redirect($"{context.Request.PathBase}/account/tokens");
    }

    private static async Task<IResult> Show(HttpContext context, IMemberStore members, TimeProvider clock, string? newToken, Error? error,
        int status = 200, string? name = null)
    {
        if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
        var tenant = context.Tenant();
        var culture = CultureInfo.GetCultureInfo(tenant.Locale);
        var zone = tenant.Zone();
        string Day(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("d MMMM yyyy", culture);
        var tokens = await members.TokensOfAsync(tenant.Id, memberId, clock.GetUtcNow(), context.RequestAborted);
        var model = PageModel.For(context, "Sign-ins and tokens", hasForms: true);
        model["tokens"] = tokens.Select(t => new
        {
            id = t.Id, name = t.Name, createdAt = Day(t.CreatedAt), expiresAt = Day(t.ExpiresAt),
            lastUsedAt = t.LastUsedAt is { } used ? Day(used) : null,
        }).ToList();
        model["newToken"] = newToken;
        model["form"] = new { name = newToken is null ? name : "", days = TokenRules.DefaultDays, maxDays = tenant.Accounts.MaxTokenDays };
        model["error"] = error is null ? null : new { field = error.Field, message = error.Message };
        model["errors"] = ChallengePages.FieldErrors(error);
        // Private to the member, and a new token is a secret: never kept by any cache.
        context.Response.Headers.CacheControl = "no-store";
        return new ThemedPage("tokens", model, status);
    }
}
