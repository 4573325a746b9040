using Microsoft.AspNetCore.Antiforgery;

namespace Engine.Web.Site;

/// <summary>
/// Every site form post must carry its anti-forgery token. The framework checks it only when it reads a form
/// field into a parameter, so a handler that takes none (like "send me a new confirmation link") was open to a
/// cross-site post with the member's cookie. Checked here for every unsafe method, whatever the handler binds.
/// </summary>
public sealed class FormAntiforgery(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: false }
            || await antiforgery.IsRequestValidAsync(context))
            return await next(invocation);
        return ExpiredForm(context);
    }

    public static ThemedPage ExpiredForm(HttpContext context, int status = StatusCodes.Status400BadRequest)
    {
        var page = SitePage.Of(context);
        return page.Message(status, page.Words("message.form-expired"), page.Words("message.form-expired-text"));
    }
}
