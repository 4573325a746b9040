using Engine.Core.Common;
using Engine.Core.Tenancy;
using Engine.Web.Site;
using Engine.Web.Tenancy;

namespace Engine.Web.SingleSignOn;

/// <summary>
/// On a site that signs people in through its providers only (signIn.passwords off), the password forms and API refuse, saying
/// how to sign in instead.
/// </summary>
public sealed class PasswordAccounts : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tenant = http.Tenant();
        if (tenant.SignIn.Passwords) return await next(context);
        var refusal = Refusal(tenant);
        return http.Request.Path.StartsWithSegments("/api")
            ? Api.ApiResults.Problem(refusal)
            : SitePage.Of(http).Message(StatusCodes.Status403Forbidden, "This site does not use passwords", refusal.Message);
    }

    public static Error Refusal(TenantDefinition tenant) => Error.Forbidden(
        $"{tenant.Name} does not use passwords: sign in with {string.Join(" or ", tenant.SignIn.OpenIdConnect.Select(p => p.Label))} from the sign-in page instead.");
}

public static class PasswordAccountsEndpoints
{
    public static TBuilder OnlyWithPasswords<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter<TBuilder, PasswordAccounts>();
}
