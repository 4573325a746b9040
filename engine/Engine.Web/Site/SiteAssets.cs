using Engine.Themes;
using Engine.Web.Hosting;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Engine.Web.Site;

public static class SiteAssets
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>
    /// Front-end packages (nhsuk-frontend) served from the locally installed npm folder, before
    /// tenant resolution: they are the same for every site. nhsuk-frontend's CSS asks for its
    /// icons at /assets/images, so that path is served from the package too.
    /// </summary>
    public static IApplicationBuilder UseFrontEndPackages(this IApplicationBuilder app, string contentRoot)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<EngineOptions>>().Value;
        var urls = app.ApplicationServices.GetRequiredService<AssetUrls>();
        var nhsuk = urls.NhsukFolder;
        if (urls.NhsukVersion is null)
        {
            app.ApplicationServices.GetRequiredService<ILogger<EngineOptions>>().LogWarning(
                "nhsuk-frontend is not installed at {Folder}: run 'npm ci' in the repository root (the Build target does). The nhs theme will be unstyled.", nhsuk);
            return app;
        }
        // Pages link the address with the hash (see AssetUrls); the one without still answers, briefly cached, for old links.
        app.UseStaticFiles(Cached(nhsuk, urls.NhsukUrl, AssetUrls.Immutable));
        app.UseStaticFiles(Cached(nhsuk, "/frontend/nhsuk", AssetUrls.ShortLived));
        // chart.js (pinned in package.json) for the team's numbers dashboard: its UMD build needs no module loader.
        var chartJs = Path.Combine(options.Resolve(contentRoot, options.FrontEndPath), "chart.js", "dist");
        if (Directory.Exists(chartJs))
            app.UseStaticFiles(Cached(chartJs, "/frontend/chartjs", AssetUrls.ShortLived));
        app.UseStaticFiles(Cached(Path.Combine(nhsuk, "assets", "images"), "/assets/images", AssetUrls.ShortLived));
        return app;
    }

    public static void MapSiteAssets(this IEndpointRouteBuilder app)
    {
        // The theme's own assets, layered: tenant overrides win over the theme, which wins over its base.
        app.MapGet("/theme/{**path}", (HttpContext context, string path, AssetUrls urls) =>
        {
            var tenant = context.Tenant();
            var sources = urls.Theme(tenant).Sources;
            var (asset, current) = AssetUrls.Unversioned(path, sources.AssetsVersion);
            var file = sources.FindAsset(asset);
            return file is null ? Results.NotFound() : FileResult(context, file, current ? AssetUrls.Immutable : AssetUrls.ShortLived);
        });
        // Browsers and crawlers ask for /favicon.ico whatever the page links: the theme chain's icon, so a tenant's own
        // (in its overrides/assets) answers there too.
        app.MapGet("/favicon.ico", (HttpContext context, AssetUrls urls) =>
        {
            var sources = urls.Theme(context.Tenant()).Sources;
            var file = sources.FindAsset("favicon.ico") ?? sources.FindAsset("favicon.svg");
            return file is null ? Results.NotFound() : FileResult(context, file, AssetUrls.ShortLived);
        });
        // A tenant's uploaded brand files (logo), from tenants/<id>/assets.
        app.MapGet("/media/{**path}", (HttpContext context, string path) =>
        {
            var root = Path.GetFullPath(Path.Combine(context.Tenant().Folder, "assets")) + Path.DirectorySeparatorChar;
            var file = Path.GetFullPath(Path.Combine(root, path));
            return file.StartsWith(root, StringComparison.Ordinal) && File.Exists(file) ? FileResult(context, file, AssetUrls.ShortLived) : Results.NotFound();
        });
        // A logo an admin uploaded, from <data>/brand/<tenant id>: only this tenant's files, only the
        // image types the upload accepted, named by content hash (so cacheable for good).
        app.MapGet("/brand/{file}", (HttpContext context, string file, Core.Administration.IBrandFiles files) =>
        {
            var path = files.Find(context.Tenant().Id, file);
            var type = Core.Administration.LogoImage.ContentType(Path.GetExtension(file).TrimStart('.'));
            if (path is null || type == "application/octet-stream") return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.File(path, type, lastModified: File.GetLastWriteTimeUtc(path));
        });
        // The admin area's scripts and styles, embedded in the engine (no inline script anywhere: the CSP forbids it).
        app.MapGet("/admin-assets/{file}", (HttpContext context, string file) =>
        {
            var type = Path.GetExtension(file) switch { ".js" => "text/javascript; charset=utf-8", ".css" => "text/css; charset=utf-8", _ => null };
            var stream = type is null ? null : typeof(SiteAssets).Assembly.GetManifestResourceStream($"AdminAssets/{file}");
            if (stream is null) return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Stream(stream, type);
        });
        // Brand colours as CSS custom properties, so themes need no inline styles (and the CSP can forbid them).
        app.MapGet("/site.css", (HttpContext context) =>
        {
            var s = context.Tenant().ThemeSettings;
            context.Response.Headers.CacheControl = "public, max-age=60";
            return Results.Text($":root {{ --brand-primary: {s.PrimaryColour}; --brand-accent: {s.AccentColour}; }}\n", "text/css; charset=utf-8");
        });
    }

    private static StaticFileOptions Cached(string folder, string requestPath, string cacheControl) => new()
    {
        FileProvider = new PhysicalFileProvider(folder),
        RequestPath = requestPath,
        OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = cacheControl,
    };

    private static IResult FileResult(HttpContext context, string file, string cacheControl)
    {
        context.Response.Headers.CacheControl = cacheControl;
        return Results.File(file, ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream",
            lastModified: File.GetLastWriteTimeUtc(file));
    }
}
