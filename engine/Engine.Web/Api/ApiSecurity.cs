using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Engine.Web.Api;

/// <summary>
/// How a client proves who it is, in the OpenAPI documents: a personal bearer token, or the sign-in cookie, which
/// on a write must come with the anti-forgery header (<see cref="CookieAntiforgery"/>). A route anyone may call
/// also says so, with the empty requirement, since signing in can change its answer (your vote on an idea).
/// </summary>
public sealed class ApiSecurity : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Bearer = "bearer", Cookie = "cookie", AntiforgeryHeader = "antiforgeryHeader";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "A personal token from POST /api/v1/account/tokens, sent as `Authorization: Bearer <token>`.",
            },
            [Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = ".engine.signin",
                Description = "The sign-in cookie set by POST /api/v1/account/signin (browsers).",
            },
            [AntiforgeryHeader] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-CSRF-TOKEN",
                Description = "The token from GET /api/v1/antiforgery: sent with the sign-in cookie on every write.",
            },
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var signedIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var writes = !HttpMethods.IsGet(context.Description.HttpMethod ?? "GET");
        var document = context.Document!;
        List<OpenApiSecurityRequirement> requirements = signedIn ? [] : [new OpenApiSecurityRequirement()];
        requirements.Add(Requirement(document, Bearer));
        requirements.Add(signedIn && writes ? Requirement(document, Cookie, AntiforgeryHeader) : Requirement(document, Cookie));
        operation.Security = requirements;
        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, params string[] schemes)
    {
        var requirement = new OpenApiSecurityRequirement();
        foreach (var scheme in schemes) requirement.Add(new OpenApiSecuritySchemeReference(scheme, document), []);
        return requirement;
    }
}
