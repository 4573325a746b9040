using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Engine.Web.Api;

/// <summary>
/// The API's answer when no endpoint took a request. Routing passes over an endpoint that reads JSON when the
/// request's Content-Type is something else, and then this fallback caught it: "no such endpoint" sent people
/// looking for a typo in an address that was right. When an endpoint has this address and method, the answer is
/// 415 naming the type it reads; when it has the address but not the method, 405 naming the methods.
/// </summary>
public static class ApiFallback
{
    public static IResult Answer(HttpContext context, EndpointDataSource endpoints, IInlineConstraintResolver constraints)
    {
        var here = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null && Matches(e.RoutePattern, context, constraints)).ToList();
        var expected = here
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
            .SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (expected.Count > 0)
            return TypedResults.Problem(
                $"This endpoint reads a body of type {string.Join(" or ", expected)}; the request's Content-Type was '{context.Request.ContentType ?? "none"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                extensions: new Dictionary<string, object?> { ["expected"] = expected, ["code"] = "problem.unsupported-media-type" });
        // The same holds for a method: the address is right, so say which methods it takes.
        var allowed = here.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods).Distinct().Order(StringComparer.Ordinal).ToList();
        if (allowed.Count > 0)
        {
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return TypedResults.Problem($"This address takes {string.Join(", ", allowed)}, not {context.Request.Method}.",
                statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed", extensions: Code("problem.method-not-allowed"));
        }
        return TypedResults.Problem("There is no such API endpoint.", statusCode: 404, title: "Not found", extensions: Code("problem.no-such-endpoint"));
    }

    // A mistake in the calling program (its address, method or body type), said in English for its developer, with a code as every problem has.
    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };

    /// <summary>The address fits the route, constraints ({id:long}) included.</summary>
    private static bool Matches(RoutePattern pattern, HttpContext context, IInlineConstraintResolver constraints)
    {
        var values = new RouteValueDictionary();
        if (!new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults)).TryMatch(context.Request.Path, values))
            return false;
        return pattern.ParameterPolicies.All(parameter => parameter.Value.All(policy =>
            policy.Content is null || constraints.ResolveConstraint(policy.Content) is not { } constraint
            || constraint.Match(context, null, parameter.Key, values, RouteDirection.IncomingRequest)));
    }
}
