using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Engine.Web.Api;

/// <summary>
/// What the OpenAPI document (/api/v1/openapi.json) says beyond each endpoint's own results: the answers the
/// pipeline gives before an endpoint runs. Applied last, so it sees the authorization and rate limits every
/// endpoint and group declared.
/// </summary>
public static class ApiDocument
{
    public static RouteGroupBuilder ListsPipelineAnswers(this RouteGroupBuilder api)
    {
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            var authorization = endpoint.Metadata.OfType<IAuthorizeData>().ToList();
            var signedIn = authorization.Count > 0 && !endpoint.Metadata.OfType<IAllowAnonymous>().Any();
            var readsBody = endpoint.Metadata.OfType<IAcceptsMetadata>().Any();
            var writes = endpoint.Metadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Any(h => !HttpMethods.IsGet(h) && !HttpMethods.IsHead(h)));
            if (signedIn)
            {
                endpoint.Metadata.Add(Problem(StatusCodes.Status401Unauthorized));
                // A policy (a role) can refuse a signed-in member; plain sign-in cannot.
                if (authorization.Any(a => a.Policy is not null || a.Roles is not null)) endpoint.Metadata.Add(Problem(StatusCodes.Status403Forbidden));
            }
            // A body that cannot be read (BadRequestHandler), or a write by cookie without its anti-forgery header (CookieAntiforgery).
            if ((readsBody || signedIn && writes) && !endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == StatusCodes.Status400BadRequest))
                endpoint.Metadata.Add(Problem(StatusCodes.Status400BadRequest));
            // A body of another Content-Type: ApiFallback names the type the endpoint reads.
            if (readsBody) endpoint.Metadata.Add(Problem(StatusCodes.Status415UnsupportedMediaType));
            if (endpoint.Metadata.OfType<EnableRateLimitingAttribute>().Any()) endpoint.Metadata.Add(Problem(StatusCodes.Status429TooManyRequests));
        });
        return api;
    }

    private static ProducesResponseTypeMetadata Problem(int status) => new(status, typeof(ProblemDetails), ["application/problem+json"]);
}
