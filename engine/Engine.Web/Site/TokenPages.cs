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
/// "Sign-ins and tokens": where the member is signed in (each sign-in can be signed out here), their personal API tokens (made,
/// listed and revoked here), and signing out everywhere. A new token is shown once, on the page that made it: only its hash is kept.
/// </summary>
public static class TokenPages
{
    public static void MapTokenPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/tokens", ([AsParameters] SitePage page, IMemberStore members, ISessionStore sessions, TimeProvider clock) =>
            Show(page, members, sessions, clock, null, null));
        app.MapPost("/account/tokens", Create);
        app.MapPost("/account/tokens/revoke", Revoke);
        app.MapPost("/account/sessions/revoke", EndSession);
    }

    /// <summary>Ends one of the member's sign-ins: that browser is signed out at its next request (see <see cref="MemberCheck"/>).</summary>
    private static async Task<IResult> EndSession([AsParameters] SitePage page, [FromForm] string? id, ISessionStore sessions, IMemberStore members,
        TimeProvider clock)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        // Only the member's own open sign-ins: another member's session id, or a made-up one, is not found.
        if ((await sessions.OpenAsync(page.Tenant.Id, memberId, page.Aborted)).FirstOrDefault(s => s.SessionId == id) is not { } session)
            return page.NotFound();
        await members.EndSessionAsync(page.Tenant.Id, memberId, session.SessionId, clock.GetUtcNow(), page.Aborted);
        return Results.Redirect($"{page.Context.Request.PathBase}/account/tokens");
    }

    private static async Task<IResult> Create([AsParameters] SitePage page, [FromForm] string? name, [FromForm] int? days,
        AccountService accounts, IMemberStore members, ISessionStore sessions, TimeProvider clock)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var member = await members.FindByIdAsync(page.Tenant.Id, memberId, page.Aborted);
        if (member is null) return page.SignInFirst();
        var issued = await accounts.IssueTokenAsync(page.Context, member, name, days);
        return await Show(page, members, sessions, clock, issued.Succeeded ? issued.Value.Token : null, issued.Error, issued.Succeeded ? 200 : 400, name);
    }

    private static async Task<IResult> Revoke([AsParameters] SitePage page, [FromForm] long? id, IMemberStore members)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        if (id is not { } tokenId || !await members.RevokeTokenAsync(page.Tenant.Id, memberId, tokenId, page.Aborted))
            return page.NotFound();
        return Results.Redirect($"{page.Context.Request.PathBase}/account/tokens");
    }

    private static async Task<IResult> Show(SitePage page, IMemberStore members, ISessionStore sessions, TimeProvider clock, string? newToken, Error? error,
        int status = 200, string? name = null)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var tenant = page.Tenant;
        var culture = page.Culture;
        var zone = tenant.Zone();
        string Day(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("d MMMM yyyy", culture);
        var tokens = await members.TokensOfAsync(tenant.Id, memberId, clock.GetUtcNow(), page.Aborted);
        var current = page.Context.User.FindFirst(MemberClaims.SessionClaim)?.Value;
        var open = await sessions.OpenAsync(tenant.Id, memberId, page.Aborted);
        string Moment(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("d MMMM yyyy, HH:mm", culture);
        var shown = Views.Error(error, page.Culture);
        var model = new TokensPage(
            Frame: page.Frame(page.Words("title.tokens"), hasForms: true, error: shown),
            Tokens: tokens.Select(t => new TokenView(t.Id, t.Name, Day(t.CreatedAt), Day(t.ExpiresAt), t.LastUsedAt is { } used ? Day(used) : null)).ToList(),
            NewToken: Views.Text(newToken),
            Form: new TokenForm(newToken is null ? Views.Text(name) : null, TokenRules.DefaultDays, tenant.Accounts.MaxTokenDays),
            Errors: FieldErrors.Of(shown))
        {
            Sessions = open.Select(s => new SessionView(s.SessionId, Moment(s.StartedAt), SessionWords.How(culture, s.How), SessionWords.Device(culture, s.Device),
                s.SessionId == current)).ToList(),
        };
        // Private to the member, and a new token is a secret: never kept by any cache.
        page.Context.Response.Headers.CacheControl = "no-store";
        return new ThemedPage("tokens", model, status);
    }
}
