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
            : PageFor(SitePage.Of(http), refusal);
    }

    private static ThemedPage PageFor(SitePage page, Error refusal) =>
        page.Message(StatusCodes.Status403Forbidden, page.Words("page.passwords-off"), Languages.ErrorWords.Text(page.Culture, refusal));

    // The providers are listed with commas, not "or", so the list reads in any language.
    public static Error Refusal(TenantDefinition tenant)
    {
        var providers = string.Join(", ", tenant.SignIn.OpenIdConnect.Select(p => p.Label));
        return Error.Forbidden($"{tenant.Name} does not use passwords: sign in with {providers} from the sign-in page instead.")
            .Keyed("error.passwords-off", tenant.Name, providers);
    }
}

public static class PasswordAccountsEndpoints
{
    public static TBuilder OnlyWithPasswords<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter<TBuilder, PasswordAccounts>();
}
