using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Engine.Web.Api;

/// <summary>
/// The OpenAPI documents: one per API (public for visitors and members, admin for a site's team, system for the
/// deployment's operators) at /api/v1/{name}/openapi.json, and all three together at /api/v1/openapi.json. They
/// are the same on every tenant apart from the server URL, which the framework takes from the request (host and
/// path prefix), so a client generated on one site works on another by changing its base address.
/// </summary>
public static class ApiDocuments
{
    public const string Public = "public", Admin = "admin", System = "system", All = "v1";

    public static IServiceCollection AddApiDocuments(this IServiceCollection services)
    {
        services.AddOpenApi(All, o => Describe(o, "Engagement engine API", _ => true));
        services.AddOpenApi(Public, o => Describe(o, "Engagement engine public API", api => api == Public));
        services.AddOpenApi(Admin, o => Describe(o, "Engagement engine admin API", api => api == Admin));
        services.AddOpenApi(System, o => Describe(o, "Engagement engine system API", api => api == System));
        return services;
    }

    public static WebApplication MapApiDocuments(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json");
        app.MapOpenApi("/api/v1/{documentName}/openapi.json");
        if (app.Environment.IsDevelopment()) app.MapApiReference();
        return app;
    }

    /// <summary>
    /// Scalar's reference page over the three documents, at /api/reference, for developers only: it runs Scalar's
    /// script and styles inline, which the site's Content-Security-Policy forbids everywhere else, and sends no telemetry.
    /// </summary>
    private static void MapApiReference(this WebApplication app) =>
        app.MapScalarApiReference("/api/reference", o => o
                .WithTitle("Engagement engine API")
                .WithOpenApiRoutePattern("/api/v1/{documentName}/openapi.json")
                .AddDocuments([Public, Admin, System])
                .DisableTelemetry().DisableDefaultFonts().DisableAgent().DisableMcp())
            .AddEndpointFilter(async (invocation, next) =>
            {
                invocation.HttpContext.Response.Headers.ContentSecurityPolicy = ReferencePagePolicy;
                return await next(invocation);
            });

    private const string ReferencePagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Which API a route belongs to, by where it is mounted: the team's routes under /admin and /moderation, the
    /// operators' under /system, and everything else is the public API.
    /// </summary>
    public static string ApiOf(string? relativePath)
    {
        var path = "/" + (relativePath ?? "");
        if (path.StartsWith("/api/v1/system/")) return System;
        return path.StartsWith("/api/v1/admin/") || path.StartsWith("/api/v1/moderation/") ? Admin : Public;
    }

    /// <summary>What each group of routes (an endpoint's WithTags) is for, as a reference page shows it.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Account"] = "Registering, signing in, personal tokens, your own data and deleting your account.",
        ["Challenges"] = "The site's challenges and the ideas posted to them.",
        ["Ideas"] = "An idea with its comments; voting and commenting.",
        ["Editing"] = "Authors editing or withdrawing what they posted.",
        ["Following"] = "Following ideas and challenges, and the emails that come of it.",
        ["Moderation"] = "Reporting content; moderators' reveals of anonymous authors.",
        ["Search"] = "Searching the site's ideas, and similar ideas before posting one.",
        ["Stats"] = "The site's and a challenge's numbers.",
        ["Admin"] = "Running a site: settings, moderation, members, challenges, news and the audit log.",
        ["Import and export"] = "Importing offline ideas, exports, and members' data for subject-access requests.",
        ["Theming"] = "Themes, big ideas and merged duplicates of a closed challenge.",
        ["System"] = "The deployment: every tenant's state, creating tenants, the node's cache.",
    };

    private static void Describe(OpenApiOptions options, string title, Func<string, bool> holds)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        options.ShouldInclude = route => route.RelativePath?.StartsWith("api/v1/") == true && holds(ApiOf(route.RelativePath));
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = title,
                Version = "v1",
                Description = "Ideas, comments and votes on one challenge site. Refusals are RFC 9457 problem details (application/problem+json), " +
                    "each with a stable code (the refusal's key, such as error.too-short: match on it, not on the words); their title and detail " +
                    "are in English unless Accept-Language or ?lang= asks for another of the site's languages. " +
                    "Sign in with a personal bearer token (POST /api/v1/account/tokens), or with the sign-in cookie plus the X-CSRF-TOKEN header " +
                    "(GET /api/v1/antiforgery) on writes.",
            };
            // The framework names the server as scheme, host and path prefix, ending in "/": paths start with "/" already.
            foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                if (TagDescriptions.TryGetValue(tag.Name ?? "", out var description)) tag.Description = description;
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer<ApiSecurity>();
        options.AddOperationTransformer<ApiSecurity>();
        options.AddOperationTransformer<ApiOperations>();
    }
}
