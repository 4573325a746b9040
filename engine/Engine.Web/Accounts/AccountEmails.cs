using Engine.Core.Email;
using Engine.Core.Members;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts;

/// <summary>The emails an account needs: confirm your address, and reset your password. Queued like any other email.</summary>
public sealed class AccountEmails(UserManager<Member> users, Notifications notifications, IEmailStore store, IEmailLinks links,
    TimeProvider clock, ILogger<AccountEmails> logger)
{
    public async Task SendConfirmationAsync(HttpContext context, Member member)
    {
        var tenant = context.Tenant();
        var token = await users.GenerateEmailConfirmationTokenAsync(member);
        var url = $"{links.Site(tenant)}/account/confirm-email?member={member.Id}&token={Uri.EscapeDataString(token)}";
        await QueueAsync(context, member, EmailKind.ConfirmEmail, EmailContents.ConfirmEmail(member.DisplayName, url));
    }

    public async Task SendPasswordResetAsync(HttpContext context, Member member)
    {
        await QueueAsync(context, member, EmailKind.ResetPassword, EmailContents.ResetPassword(member.DisplayName, await ResetUrlAsync(context, member)));
    }

    /// <summary>
    /// A new account is asked to confirm its address; the owner of a taken one is told someone tried, with a way back in. Never
    /// fails the caller: the account is made already, and the answer must be the same either way.
    /// </summary>
    public async Task SendAfterRegisteringAsync(HttpContext context, AccountService.Registration registration)
    {
        var (member, created) = registration;
        var tenant = context.Tenant();
        try
        {
            if (created) await SendConfirmationAsync(context, member);
            // As for a forgotten password: a blocked account is sent nothing.
            else if (!member.Blocked)
                await QueueAsync(context, member, EmailKind.ResetPassword, EmailContents.RegisteredAgain(member.DisplayName,
                    $"{links.Site(tenant)}/account/signin", await ResetUrlAsync(context, member)));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not queue the email after registering for member {MemberId} of {TenantId}", member.Id, tenant.Id);
        }
    }

    private async Task<string> ResetUrlAsync(HttpContext context, Member member) =>
        $"{links.Site(context.Tenant())}/account/reset-password?member={member.Id}&token={Uri.EscapeDataString(await users.GeneratePasswordResetTokenAsync(member))}";

    /// <summary>Never fails the caller: an account is made, or a reset asked for, even if the queue cannot be written; the member can ask again.</summary>
    private async Task QueueAsync(HttpContext context, Member member, EmailKind kind, EmailContent content)
    {
        var tenant = context.Tenant();
        try
        {
            // Before the member has chosen a language, the one the page they asked from was in.
            var recipient = new Recipient(member.Id, member.Email, member.DisplayName, member.EmailConfirmed, member.Blocked, EmailPreferences.Default,
                member.Language ?? Languages.LanguageChoice.Of(context).Name);
            await store.EnqueueAsync(tenant.Id, links.SenderOf(tenant), [notifications.Compose(tenant, kind, recipient, content)], clock.GetUtcNow());
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not queue the {Kind} email for member {MemberId} of {TenantId}", kind.Key(), member.Id, tenant.Id);
        }
    }
}
