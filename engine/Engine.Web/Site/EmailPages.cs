using Engine.Core.Email;
using Engine.Core.Members;
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

    private static readonly (EmailKind Kind, string Field, string Label, string Hint)[] Choices =
    [
        (EmailKind.Reply, "replies", "Replies", "When someone comments on your idea or replies to your comment."),
        (EmailKind.OfficialResponse, "officialResponses", "Official responses", "When the team responds officially to an idea you posted or follow."),
        (EmailKind.StatusChange, "statusChanges", "Ideas you follow", "When an idea you follow moves along the roadmap or becomes part of a big idea."),
        (EmailKind.AdminUpdate, "adminUpdates", "News from the team", "Updates the site's team sends to members."),
    ];

    private static async Task<IResult> Show(HttpContext context, bool? saved, IEmailStore store, IMemberStore members)
    {
        if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
        var tenant = context.Tenant();
        var member = await members.FindByIdAsync(tenant.Id, memberId, context.RequestAborted);
        if (member is null) return ChallengePages.SignInFirst(context);
        return Form(context, member, await store.PreferencesAsync(tenant.Id, memberId, context.RequestAborted), saved == true);
    }

    private static async Task<IResult> Save(HttpContext context, [FromForm] string? replies, [FromForm] string? officialResponses,
        [FromForm] string? statusChanges, [FromForm] string? adminUpdates, [FromForm] string? digest, IEmailStore store, IMemberStore members, TimeProvider clock)
    {
        if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
        var tenant = context.Tenant();
        var member = await members.FindByIdAsync(tenant.Id, memberId, context.RequestAborted);
        if (member is null) return ChallengePages.SignInFirst(context);
        var preferences = new EmailPreferences(replies == "true", statusChanges == "true", officialResponses == "true", adminUpdates == "true", DigestFrequency.None);
        if (!EmailKinds.TryParse(digest, out DigestFrequency frequency))
            return Form(context, member, preferences, false, new Core.Common.Error(Core.Common.ErrorKind.Validation, "Choose how often to get the digest: never, daily or weekly.", "digest"));
        await store.SavePreferencesAsync(tenant.Id, memberId, preferences with { Digest = frequency }, clock.GetUtcNow(), context.RequestAborted);
        return Results.Redirect($"{context.Request.PathBase}/account/email?saved=true");
    }

    private static async Task<IResult> Resend(HttpContext context, IMemberStore members, AccountEmails emails)
    {
        if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
        var member = await members.FindByIdAsync(context.Tenant().Id, memberId, context.RequestAborted);
        if (member is null) return ChallengePages.SignInFirst(context);
        if (!member.EmailConfirmed) await emails.SendConfirmationAsync(context, member);
        return PageModel.Message(context, 200, "Check your email",
            member.EmailConfirmed ? "Your email address is already confirmed." : $"We have sent a new confirmation link to {member.Email}.");
    }

    private static ThemedPage Form(HttpContext context, Member member, EmailPreferences preferences, bool saved, Core.Common.Error? error = null)
    {
        var model = PageModel.For(context, "Email preferences", hasForms: true);
        model["email"] = member.Email;
        model["confirmed"] = member.EmailConfirmed;
        model["saved"] = saved;
        model["choices"] = Choices.Select(c => new { field = c.Field, label = c.Label, hint = c.Hint, on = preferences.Allows(c.Kind) }).ToList();
        model["digests"] = new[] { (DigestFrequency.None, "Never"), (DigestFrequency.Daily, "Daily"), (DigestFrequency.Weekly, "Weekly") }
            .Select(d => new { value = d.Item1.Key(), label = d.Item2, on = preferences.Digest == d.Item1 }).ToList();
        model["error"] = error is null ? null : new { field = error.Field, message = error.Message };
        model["errors"] = ChallengePages.FieldErrors(error);
        return new ThemedPage("email-preferences", model, error is null ? 200 : 400);
    }

    private static IResult AskToUnsubscribe(HttpContext context, string? token, EmailLinks links)
    {
        if (links.ReadUnsubscribe(context.Tenant().Id, token) is not { } target) return NotValid(context);
        var model = PageModel.For(context, "Unsubscribe");
        model["token"] = token;
        model["what"] = target.Kind is { } kind ? kind.Describe() : "all emails except the ones you ask for (password resets)";
        return new ThemedPage("unsubscribe", model);
    }

    private static async Task<IResult> Unsubscribe(HttpContext context, EmailLinks links, IEmailStore store, IMemberStore members, TimeProvider clock)
    {
        string? token = context.Request.Query["token"];
        if (string.IsNullOrEmpty(token) && context.Request.HasFormContentType)
            token = (await context.Request.ReadFormAsync(context.RequestAborted))["token"];
        var tenant = context.Tenant();
        if (links.ReadUnsubscribe(tenant.Id, token) is not { } target) return NotValid(context);
        if (await members.FindByIdAsync(tenant.Id, target.MemberId, context.RequestAborted) is null) return NotValid(context);
        var preferences = await store.PreferencesAsync(tenant.Id, target.MemberId, context.RequestAborted);
        await store.SavePreferencesAsync(tenant.Id, target.MemberId, preferences.Without(target.Kind), clock.GetUtcNow(), context.RequestAborted);
        return PageModel.Message(context, 200, "You are unsubscribed",
            $"You will no longer get {(target.Kind is { } kind ? kind.Describe() : "emails from this site, except ones you ask for such as password resets")}. You can change this at any time in your email preferences.");
    }

    private static ThemedPage NotValid(HttpContext context) => PageModel.Message(context, 400, "This unsubscribe link does not work",
        "It may have been cut short by your email program, or belong to another site. Sign in and choose which emails you get in your email preferences.");
}
