using System.Security.Claims;
using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Engine.Web.Accounts.TwoFactor;

/// <summary>
/// "Staff must use two factors" (tenant.json signIn.staffTwoFactor, or an admin's switch): a moderator or admin who has not
/// enrolled an authenticator app is refused every staff page and staff API (every team policy), and a page sends them to enrol.
/// It holds for personal tokens too: a token carries what its member has now, so a moderator's token works for staff APIs only
/// while they use two factors. Members, champions and community managers are not asked.
/// </summary>
public sealed class StaffTwoFactor : AuthorizationHandler<StaffTwoFactor.Requirement>
{
    public sealed class Requirement : IAuthorizationRequirement;

    public static readonly Error Refusal = Error.Forbidden(
        "This site asks its moderators and admins to use two factors: set up an authenticator app at /account/two-factor, then try again.")
        .Keyed("error.staff-two-factor");

    public static bool MustEnrol(TenantDefinition tenant, Member member) =>
        tenant.SignIn.StaffTwoFactor && Roles.Moderators.Contains(member.Role) && !member.TwoFactorEnabled;

    private static bool MustEnrol(TenantDefinition tenant, ClaimsPrincipal user) =>
        tenant.SignIn.StaffTwoFactor && Roles.Moderators.Contains(user.FindFirstValue(ClaimTypes.Role)) && !user.HasClaim(c => c.Type == MemberClaims.TwoFactorClaim);

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (http?.Features.Get<TenantDefinition>() is not { } tenant || !MustEnrol(tenant, context.User)) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>Adds the requirement to each of the team's policies, as they were registered.</summary>
    public static void Require(AuthorizationOptions options)
    {
        foreach (var name in (string[])[Policies.Team, Policies.Manager, Policies.Moderator, Policies.Admin])
            if (options.GetPolicy(name) is { } policy)
                options.AddPolicy(name, new AuthorizationPolicyBuilder(policy).AddRequirements(new Requirement()).Build());
    }

    /// <summary>True when the refusal was this requirement's: a page then goes to enrol, and the API says why.</summary>
    public static bool RefusedFor(PolicyAuthorizationResult result) =>
        result.Forbidden && result.AuthorizationFailure?.FailedRequirements.OfType<Requirement>().Any() == true;

    public static Task RespondAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api")) return Api.ApiResults.Problem(Refusal).ExecuteAsync(context);
        context.Response.Redirect($"{context.Request.PathBase}{TwoFactorPages.Path}");
        return Task.CompletedTask;
    }
}
