using Engine.Core.Email;
using Engine.Core.Members;
using Engine.Themes.Pages;
using Engine.Web.Accounts;
using Engine.Web.Email;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

/// <summary>A member's email preferences, and the unsubscribe link every email carries.</summary>
public static class EmailPages
{
    public static void MapEmailPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/email", Show);
        app.MapPost("/account/email", Save);
        app.MapPost("/account/email/confirmation", Resend).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapGet("/email/unsubscribe", AskToUnsubscribe);
        // RFC 8058 one-click: a mail client posts "List-Unsubscribe=One-Click" with no cookie and no anti-forgery
        // token. The unguessable, tenant-bound token in the address is what authorises it.
        app.MapPost("/email/unsubscribe", Unsubscribe).DisableAntiforgery();
    }

    // Each choice is worded from the engine's catalogues: preferences.<field> and preferences.<field>.hint.
    private static readonly (EmailKind Kind, string Field)[] Choices =
    [
        (EmailKind.Reply, "replies"),
        (EmailKind.OfficialResponse, "officialResponses"),
        (EmailKind.StatusChange, "statusChanges"),
        (EmailKind.AdminUpdate, "adminUpdates"),
    ];

    private static async Task<IResult> Show([AsParameters] SitePage page, bool? saved, IEmailStore store, IMemberStore members)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var tenant = page.Tenant;
        var member = await members.FindByIdAsync(tenant.Id, memberId, page.Aborted);
        if (member is null) return page.SignInFirst();
        return Form(page, member, await store.PreferencesAsync(tenant.Id, memberId, page.Aborted), saved == true);
    }

    private static async Task<IResult> Save([AsParameters] SitePage page, [FromForm] string? replies, [FromForm] string? officialResponses,
        [FromForm] string? statusChanges, [FromForm] string? adminUpdates, [FromForm] string? digest, IEmailStore store, IMemberStore members, TimeProvider clock)
    {
        var context = page.Context;
        if (context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var tenant = page.Tenant;
        var member = await members.FindByIdAsync(tenant.Id, memberId, page.Aborted);
        if (member is null) return page.SignInFirst();
        var preferences = new EmailPreferences(replies == "true", statusChanges == "true", officialResponses == "true", adminUpdates == "true", DigestFrequency.None);
        if (!EmailKinds.TryParse(digest, out DigestFrequency frequency))
            return Form(page, member, preferences, false, Core.Common.Error.Invalid("digest", "Choose how often to get the digest: never, daily or weekly.").Keyed("error.digest"));
        await store.SavePreferencesAsync(tenant.Id, memberId, preferences with { Digest = frequency }, clock.GetUtcNow(), context.RequestAborted);
        return Results.Redirect($"{context.Request.PathBase}/account/email?saved=true");
    }

    private static async Task<IResult> Resend([AsParameters] SitePage page, IMemberStore members, AccountEmails emails)
    {
        var context = page.Context;
        if (context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var member = await members.FindByIdAsync(page.Tenant.Id, memberId, page.Aborted);
        if (member is null) return page.SignInFirst();
        if (!member.EmailConfirmed) await emails.SendConfirmationAsync(context, member);
        return page.Message(200, page.Words("message.check-your-email"),
            member.EmailConfirmed ? page.Words("message.already-confirmed") : page.Words("message.confirmation-sent", member.Email));
    }

    private static ThemedPage Form(SitePage page, Member member, EmailPreferences preferences, bool saved, Core.Common.Error? error = null)
    {
        var shown = Views.Error(error, page.Culture);
        var model = new EmailPreferencesPage(
            Frame: page.Frame(page.Words("title.email-preferences"), hasForms: true, error: shown),
            Email: member.Email,
            Confirmed: member.EmailConfirmed,
            Saved: saved,
            Choices: Choices.Select(c => new EmailChoice(c.Field, page.Words($"preferences.{c.Field}"), page.Words($"preferences.{c.Field}.hint"), preferences.Allows(c.Kind))).ToList(),
            Digests: new[] { DigestFrequency.None, DigestFrequency.Daily, DigestFrequency.Weekly }
                .Select(d => new DigestChoice(d.Key(), page.Words($"digest.{d.Key()}"), preferences.Digest == d)).ToList(),
            Errors: FieldErrors.Of(shown));
        return new ThemedPage("email-preferences", model, error is null ? 200 : 400);
    }

    private static IResult AskToUnsubscribe([AsParameters] SitePage page, string? token, EmailLinks links)
    {
        if (links.ReadUnsubscribe(page.Tenant.Id, token) is not { } target) return NotValid(page);
        var model = new UnsubscribePage(
            Frame: page.Frame(page.Words("title.unsubscribe")),
            // A link that reads as valid carries a token.
            Token: token!,
            What: page.Words(target.Kind is { } kind ? KindKey(kind) : "email-kind.all"));
        return new ThemedPage("unsubscribe", model);
    }

    private static async Task<IResult> Unsubscribe([AsParameters] SitePage page, EmailLinks links, IEmailStore store, IMemberStore members, TimeProvider clock)
    {
        var context = page.Context;
        string? token = context.Request.Query["token"];
        if (string.IsNullOrEmpty(token) && context.Request.HasFormContentType)
            token = (await context.Request.ReadFormAsync(context.RequestAborted))["token"];
        var tenant = page.Tenant;
        if (links.ReadUnsubscribe(tenant.Id, token) is not { } target) return NotValid(page);
        if (await members.FindByIdAsync(tenant.Id, target.MemberId, context.RequestAborted) is null) return NotValid(page);
        var preferences = await store.PreferencesAsync(tenant.Id, target.MemberId, context.RequestAborted);
        await store.SavePreferencesAsync(tenant.Id, target.MemberId, preferences.Without(target.Kind), clock.GetUtcNow(), context.RequestAborted);
        return page.Message(200, page.Words("message.unsubscribed"),
            page.Words("message.unsubscribed-text", page.Words(target.Kind is { } kind ? KindKey(kind) : "message.unsubscribed-all")));
    }

    /// <summary>The kind as a member reads it (<see cref="EmailKinds.Describe"/>), in the page's language.</summary>
    private static string KindKey(EmailKind kind) => kind.IsAccount() ? "email-kind.account" : $"email-kind.{kind.Key()}";

    private static ThemedPage NotValid(SitePage page) => page.Message(400, page.Words("message.unsubscribe-broken"), page.Words("message.unsubscribe-broken-text"));
}
