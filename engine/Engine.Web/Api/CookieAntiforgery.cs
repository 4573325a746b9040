using Engine.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;

namespace Engine.Web.Api;

/// <summary>
/// A browser sends the sign-in cookie with every request, wanted or not, so an API write that is
/// authenticated by the cookie must also carry the anti-forgery header. A bearer token is never
/// sent by the browser on its own, so token clients need no header.
/// </summary>
public sealed class CookieAntiforgery(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: not TokenAuthentication.SchemeName })
        {
            try { await antiforgery.ValidateRequestAsync(context); }
            catch (AntiforgeryValidationException)
            {
                return TypedResults.Problem(
                    "This request used the sign-in cookie without the anti-forgery header. Send the token from GET /api/v1/antiforgery in the 'X-CSRF-TOKEN' header, or use a bearer token.",
                    statusCode: 400, title: "Anti-forgery token missing or invalid", extensions: new Dictionary<string, object?> { ["code"] = "problem.antiforgery" });
            }
        }
        return await next(invocation);
    }
}
