using Engine.Web.Api;
using Engine.Web.DataRights;
using Engine.Web.Images;
using Engine.Web.Languages;
using Engine.Web.Site;
using Engine.Web.SystemAdmin;
using Engine.Web.Tenancy;

namespace Engine.Web.Hosting;

public static class EnginePipeline
{
    public static WebApplication UseEngine(this WebApplication app)
    {
        app.UseRequestsInFlight();
        app.UseProxy();
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        app.UseFrontEndPackages(app.Environment.ContentRootPath);
        app.MapHealth();
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/healthz"), tenant => tenant.UseTenantResolution());
        app.UseTelemetryTags();
        app.UseKeptPages();
        // Routing after tenant resolution: a tenant's path prefix has become the PathBase by now.
        app.UseRouting();
        app.UseAuthentication();
        app.UseTenantBoundSignIn();
        app.UseLanguageChoice();
        // A member's kept page needs nothing after this: its shell and their own parts (see KeptForMembers).
        app.UseKeptMemberPages();
        app.UseAuthorization();
        // After authentication, so writes are limited per member; before the endpoints it protects.
        app.UseRateLimiter();
        app.UseAntiforgery();

        // Every site form checks its anti-forgery token, also a form with no field for the framework to read.
        // The site's pages and form posts answer browsers with HTML: they are not the API, so not in its document.
        var site = app.MapGroup("").AddEndpointFilter<FormAntiforgery>().ExcludeFromDescription();
        site.MapHomePages();
        site.MapChallengePages();
        site.MapIdeaPages();
        site.MapEditPages();
        site.MapBigIdeaPages();
        site.MapSearchPages();
        site.MapNumbersPages();
        site.MapNewsPages();
        site.MapRoadmapPages();
        site.MapAccountPages();
        site.MapDataRightsPages();
        site.MapEmailPages();
        site.MapFollowPages();
        site.MapIdeaImagePages();
        site.MapInvitePages();
        site.MapSiteAssets();
        app.MapRazorPages();

        var api = app.MapGroup("/api/v1").ListsPipelineAnswers();
        api.MapAccountApi();
        api.MapDataRightsApi();
        api.MapChallengesApi();
        api.MapIdeasApi();
        api.MapEditingApi();
        api.MapStatsApi();
        api.MapModerationApi();
        api.MapAdminApi();
        api.MapSystemApi();
        api.MapThemingApi();
        api.MapEmailApi();
        api.MapDataExchangeApi();
        api.MapSearchApi();
        api.MapGroupsApi();
        api.MapIdeaImagesApi();
        api.MapImageModerationApi();
        app.MapApiDocuments();
        api.MapFallback(ApiFallback.Answer).ExcludeFromDescription();
        app.MapFallback(context => SitePage.Of(context).NotFound().ExecuteAsync(context)).ExcludeFromDescription();
        return app;
    }
}
