using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// When a signed-in member's role does not allow an admin page, answer 403 with a page that says so.
/// The cookie handler would redirect to an access-denied path instead, which the public site does not
/// have. Visitors who are not signed in, and every other endpoint, keep the default handling
/// (visitors are sent to sign in; the API answers with problem details).
/// </summary>
internal sealed class AdminAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (Accounts.TwoFactor.StaffTwoFactor.RefusedFor(authorizeResult)) return Accounts.TwoFactor.StaffTwoFactor.RespondAsync(context);
        if (authorizeResult.Forbidden && context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is { } page
            && (page.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal) || page.ViewEnginePath.StartsWith("/SystemAdmin/", StringComparison.Ordinal)))
            return AdminPageModel.ForbiddenPage().ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), page));
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
