using Engine.Web.Api;
using Engine.Web.Languages;
using Engine.Web.Site;
using Engine.Web.SystemAdmin;
using Engine.Web.Tenancy;

namespace Engine.Web.Hosting;

public static class EnginePipeline
{
    public static WebApplication UseEngine(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseFrontEndPackages(app.Environment.ContentRootPath);
        app.MapHealthChecks("/healthz");
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/healthz"), tenant => tenant.UseTenantResolution());
        // Routing after tenant resolution: a tenant's path prefix has become the PathBase by now.
        app.UseRouting();
        app.UseAuthentication();
        app.UseTenantBoundSignIn();
        app.UseLanguageChoice();
        app.UseAuthorization();
        // After authentication, so writes are limited per member; before the endpoints it protects.
        app.UseRateLimiter();
        app.UseAntiforgery();

        // Every site form checks its anti-forgery token, also a form with no field for the framework to read.
        var site = app.MapGroup("").AddEndpointFilter<FormAntiforgery>();
        site.MapHomePages();
        site.MapChallengePages();
        site.MapIdeaPages();
        site.MapBigIdeaPages();
        site.MapSearchPages();
        site.MapNumbersPages();
        site.MapNewsPages();
        site.MapRoadmapPages();
        site.MapAccountPages();
        site.MapEmailPages();
        site.MapFollowPages();
        site.MapSiteAssets();
        app.MapRazorPages();

        var api = app.MapGroup("/api/v1");
        api.MapAccountApi();
        api.MapChallengesApi();
        api.MapIdeasApi();
        api.MapStatsApi();
        api.MapModerationApi();
        api.MapAdminApi();
        api.MapSystemApi();
        api.MapThemingApi();
        api.MapEmailApi();
        api.MapDataExchangeApi();
        api.MapSearchApi();
        app.MapOpenApi("/api/{documentName}/openapi.json");
        api.MapFallback(ApiFallback.Answer);
        app.MapFallback(context => SitePage.Of(context).NotFound().ExecuteAsync(context));
        return app;
    }

    /// <summary>No inline script anywhere, so the policy can forbid it; nhsuk-frontend's fonts are the one outside origin.</summary>
    private static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' https://assets.nhs.uk; " +
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        await next(context);
    });
}
