using System.Globalization;
using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Themes.Pages;
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
        app.MapGet("/account/tokens", ([AsParameters] SitePage page, IMemberStore members, TimeProvider clock) => Show(page, members, clock, null, null));
        app.MapPost("/account/tokens", Create);
        app.MapPost("/account/tokens/revoke", Revoke);
    }

    private static async Task<IResult> Create([AsParameters] SitePage page, [FromForm] string? name, [FromForm] int? days,
        AccountService accounts, IMemberStore members, TimeProvider clock)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var member = await members.FindByIdAsync(page.Tenant.Id, memberId, page.Aborted);
        if (member is null) return page.SignInFirst();
        var issued = await accounts.IssueTokenAsync(page.Context, member, name, days);
        return await Show(page, members, clock, issued.Succeeded ? issued.Value.Token : null, issued.Error, issued.Succeeded ? 200 : 400, name);
    }

    private static async Task<IResult> Revoke([AsParameters] SitePage page, [FromForm] long? id, IMemberStore members)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        if (id is not { } tokenId || !await members.RevokeTokenAsync(page.Tenant.Id, memberId, tokenId, page.Aborted))
            return page.NotFound();
        return Results.Redirect($"{page.Context.Request.PathBase}/account/tokens");
    }

    private static async Task<IResult> Show(SitePage page, IMemberStore members, TimeProvider clock, string? newToken, Error? error,
        int status = 200, string? name = null)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var tenant = page.Tenant;
        var culture = page.Culture;
        var zone = tenant.Zone();
        string Day(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("d MMMM yyyy", culture);
        var tokens = await members.TokensOfAsync(tenant.Id, memberId, clock.GetUtcNow(), page.Aborted);
        var shown = Views.Error(error, page.Culture);
        var model = new TokensPage(
            Frame: page.Frame(page.Words("title.tokens"), hasForms: true, error: shown),
            Tokens: tokens.Select(t => new TokenView(t.Id, t.Name, Day(t.CreatedAt), Day(t.ExpiresAt), t.LastUsedAt is { } used ? Day(used) : null)).ToList(),
            NewToken: Views.Text(newToken),
            Form: new TokenForm(newToken is null ? Views.Text(name) : null, TokenRules.DefaultDays, tenant.Accounts.MaxTokenDays),
            Errors: FieldErrors.Of(shown));
        // Private to the member, and a new token is a secret: never kept by any cache.
        page.Context.Response.Headers.CacheControl = "no-store";
        return new ThemedPage("tokens", model, status);
    }
}
