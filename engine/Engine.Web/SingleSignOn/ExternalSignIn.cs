using System.Security.Claims;
using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.SingleSignOn;

/// <summary>
/// Who a person the provider vouched for is on this site: the member their provider account was linked to; on their first
/// sign-in, the member with their email address, but only if the provider says the address is verified (anyone can type an
/// address into some provider); otherwise a new member. Staff roles follow the tenant's role claim at every sign-in.
/// </summary>
public sealed class ExternalSignIn(UserManager<Member> users, IExternalLoginStore logins, IModerationStore audit, TimeProvider clock,
    ILogger<ExternalSignIn> log, Core.Groups.IGroupStore groups)
{
    public async Task<Outcome<Member>> MemberForAsync(HttpContext context, OpenIdProvider provider, ClaimsPrincipal person)
    {
        var tenant = context.Tenant();
        if (person.FindFirstValue("sub") is not { Length: > 0 } subject)
            return Refused($"{provider.Label} did not say who you are (no subject in its answer).", "error.sign-in.no-subject", provider.Label);
        var found = await MemberOfAsync(context, tenant, provider, subject, person);
        if (!found.Succeeded) return found;
        var member = found.Value!;
        if (member.Blocked) return Refused("This account has been blocked by the site's moderators.", "error.sign-in.blocked");
        if (provider.RolesClaim is { } claim) await FollowRoleClaimAsync(tenant, provider, member, person.FindAll(claim).Select(c => c.Value));
        // As with roles, the provider decides these groups every time: one it no longer names is left at this sign-in.
        if (provider.GroupsClaim is { } groupsClaim)
            await groups.SetSignInGroupsAsync(tenant.Id, member.Id, provider.GroupsFor(person.FindAll(groupsClaim).Select(c => c.Value)), clock.GetUtcNow(), context.RequestAborted);
        return member;
    }

    private async Task<Outcome<Member>> MemberOfAsync(HttpContext context, TenantDefinition tenant, OpenIdProvider provider, string subject, ClaimsPrincipal person)
    {
        if (await logins.FindMemberAsync(tenant.Id, provider.Id, subject, context.RequestAborted) is { } linked)
            return await users.FindByIdAsync(linked.ToString()) is { } linkedMember ? linkedMember : Refused("The account this sign-in belonged to no longer exists.", "error.sign-in.account-gone");

        if (person.FindFirstValue("email")?.Trim() is not { Length: > 0 } email)
            return Refused($"{provider.Label} did not share your email address, which this site needs for your account. Allow it to share your email and try again.", "error.sign-in.no-email", provider.Label);
        var verified = string.Equals(person.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        var member = await users.FindByEmailAsync(email);
        if (member is not null && !verified)
            return Refused($"An account with the email address {email} already exists on this site, and {provider.Label} has not confirmed that the address is yours, so the two cannot be linked. Sign in with your password instead, or ask {provider.Label} to verify your address first.", "error.sign-in.unverified-email", email, provider.Label);
        if (member is null)
        {
            var made = await NewMemberAsync(tenant, email, DisplayName(person, email), verified);
            if (!made.Succeeded) return made;
            member = made.Value!;
        }
        else if (!member.EmailConfirmed)
        {
            // The provider has verified the address: as good as opening our link.
            member.EmailConfirmed = true;
            await users.UpdateAsync(member);
        }
        await logins.LinkAsync(tenant.Id, provider.Id, subject, member.Id, clock.GetUtcNow(), context.RequestAborted);
        return member;
    }

    private async Task<Outcome<Member>> NewMemberAsync(TenantDefinition tenant, string email, string name, bool verified)
    {
        // A name that passes for staff ("Ada Admin") or is too short is not refused here (the person did not type it): the account gets a plain one.
        if (tenant.SignIn.CheckEmailDomain(email) is { } domainError) return domainError with { Kind = ErrorKind.Forbidden };
        if (MemberRules.CheckRegistration(email, name, tenant.Name) is { } error)
        {
            if (error.Field != "displayName") return Refused($"The email address your provider gave, {email}, is not one this site can use.", "error.sign-in.email-unusable", email);
            name = "New member";
        }
        var member = new Member { Email = email, DisplayName = name };
        var result = await users.CreateAsync(member);
        if (result.Succeeded)
        {
            // Adding a member never stores a confirmed address (registering must not confirm one), so it is marked afterwards.
            if (verified)
            {
                member.EmailConfirmed = true;
                await users.UpdateAsync(member);
            }
            return member;
        }
        log.LogWarning("Could not make an account for a single sign-on on {Tenant}: {Errors}", tenant.Id, string.Join(" ", result.Errors.Select(e => e.Description)));
        return Refused("An account with this email address was made on this site a moment ago. Try signing in again.", "error.sign-in.just-made");
    }

    private static string DisplayName(ClaimsPrincipal person, string email)
    {
        var name = person.FindFirstValue("name")
            ?? string.Join(' ', new[] { person.FindFirstValue("given_name"), person.FindFirstValue("family_name") }.Where(n => !string.IsNullOrWhiteSpace(n)));
        name = name.Trim();
        if (name.Length == 0) name = email.Split('@')[0];
        return name.Length > MemberRules.DisplayNameMax ? name[..MemberRules.DisplayNameMax].Trim() : name;
    }

    /// <summary>The provider decides this member's staff role, every time: a group taken away takes the role away at the next sign-in.</summary>
    private async Task FollowRoleClaimAsync(TenantDefinition tenant, OpenIdProvider provider, Member member, IEnumerable<string> values)
    {
        var role = provider.RoleFor(values);
        if (role == member.Role) return;
        var before = member.Role;
        member.Role = role;
        // A new stamp ends the member's other sign-ins and tokens, which carry the old role (as ChangeRole does).
        member.SecurityStamp = Guid.NewGuid().ToString("N");
        await users.UpdateAsync(member);
        await audit.AuditAsync(tenant.Id, member.Id, "role.granted", $"member {member.Id}", $"{before} -> {role} (from {provider.Label}'s {provider.RolesClaim} claim)", clock.GetUtcNow());
    }

    // Keyed, so the sign-in page words it in the person's language; {0} is empty (no field), {1}... the values.
    private static Error Refused(string message, string key, params object[] values) => Error.Forbidden(message).Keyed(key, values);
}
