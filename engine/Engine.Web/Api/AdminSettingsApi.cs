using Engine.Core.Administration;
using Engine.Core.Common;
using Engine.Core.Tenancy;
using Engine.Plugins.Loading;
using Engine.Plugins.Manifest;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Features = Engine.Core.Rules.Features;

namespace Engine.Web.Api;

/// <summary>
/// The admin settings pages as JSON, for admins only: the site's rules, one challenge's own
/// switches and rules, and the brand (with the logo as a multipart upload). Rule choices have the
/// shape they have in tenant.json and are checked the same way.
/// </summary>
public static class AdminSettingsApi
{
    public sealed record RuleOptionResponse(string Kind, string Name, string Plugin, string Description, IReadOnlyDictionary<string, SettingSchema> Settings);
    public sealed record RulesResponse(RuleChoices Rules, RuleChoices FromFile, bool Overridden, IReadOnlyList<RuleOptionResponse> Available);
    public sealed record ChallengeSettingsResponse(string Slug, TenantFeatures Features, RuleChoices Rules, ChallengeOverride? Override);
    public sealed record BrandingRequest(string? Name, string? Tagline, string? PrimaryColour, string? AccentColour, bool RemoveLogo = false);
    public sealed record BrandingResponse(string Name, string? Tagline, string PrimaryColour, string AccentColour, string? LogoUrl, bool Overridden);
    public sealed record SignInRequest(bool Passwords);
    public sealed record SignInResponse(bool Passwords, IReadOnlyList<string> Providers);

    public static void MapAdminSettingsApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/settings").RequireAuthorization(Policies.Admin).AddEndpointFilter<CookieAntiforgery>().WithTags("Admin");

        admin.MapGet("/rules", (HttpContext context, SiteSettingsLayer layer, TenantRegistry registry, PluginCatalog catalog) => Rules(context, layer, registry, catalog))
            .WithSummary("The site's voting, moderation and anonymity rules in force, tenant.json's, and every loaded plugin rule with its settings schema.");
        admin.MapPut("/rules", async Task<Results<Ok<RulesResponse>, Refusal>> (HttpContext context, RuleChoices request, ChangeRules change, SiteSettingsLayer layer, TenantRegistry registry, PluginCatalog catalog) =>
        {
            var outcome = await change.SaveSiteAsync(context.Tenant(), Actor(context), request, context.RequestAborted);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            await layer.ReloadAsync(context.RequestAborted);
            return TypedResults.Ok(Rules(context, layer, registry, catalog, layer.Effective(registry.Current.Find(context.Tenant().Id)!)));
        }).Refuses(ErrorKind.Validation).WithSummary("Choose the site's rules (same shape as tenant.json's 'rules'); checked against the plugins' schemas, audited, in force at once.");
        admin.MapDelete("/rules", async Task<Results<NoContent, NotFound>> (HttpContext context, ChangeRules change, SiteSettingsLayer layer, TenantRegistry registry) =>
        {
            if (registry.Current.Find(context.Tenant().Id) is not { } fromFile) return TypedResults.NotFound();
            await change.ResetSiteAsync(context.Tenant(), fromFile, Actor(context), context.RequestAborted);
            await layer.ReloadAsync(context.RequestAborted);
            return TypedResults.NoContent();
        }).WithSummary("Go back to the rules in tenant.json.");

        admin.MapGet("/challenges/{slug}", async Task<Results<Ok<ChallengeSettingsResponse>, NotFound>> (HttpContext context, string slug, Core.Challenges.IChallengeStore challenges) =>
            await challenges.FindBySlugAsync(context.Tenant().Id, slug, context.RequestAborted) is null
                ? TypedResults.NotFound()
                : TypedResults.Ok(Challenge(context.Tenant(), slug)))
            .WithSummary("A challenge's switches and rules in force, and what an admin set for it (null: follows the site).");
        admin.MapPut("/challenges/{slug}", async Task<Results<Ok<ChallengeSettingsResponse>, Refusal>> (HttpContext context, string slug, ChallengeOverride request, ChangeRules change, SiteSettingsLayer layer, TenantRegistry registry) =>
        {
            var outcome = await change.SaveChallengeAsync(context.Tenant(), Actor(context), slug, request, context.RequestAborted);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            await layer.ReloadAsync(context.RequestAborted);
            return TypedResults.Ok(Challenge(layer.Effective(registry.Current.Find(context.Tenant().Id)!), slug));
        }).Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithSummary("Set a challenge's own switches ({features: {anonymousPosting, downVotes}}) and rules; a null or missing part follows the site.");
        admin.MapDelete("/challenges/{slug}", async Task<Results<NoContent, Refusal>> (HttpContext context, string slug, ChangeRules change, SiteSettingsLayer layer) =>
        {
            var outcome = await change.ClearChallengeAsync(context.Tenant(), Actor(context), slug, context.RequestAborted);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            await layer.ReloadAsync(context.RequestAborted);
            return TypedResults.NoContent();
        }).Refuses(ErrorKind.NotFound).WithSummary("Clear a challenge's own settings: it follows the site again.");

        admin.MapGet("/branding", (HttpContext context, SiteSettingsLayer layer) => Brand(context, context.Tenant(), layer))
            .WithSummary("The site's name, tagline, colours and logo address.");
        admin.MapPut("/branding", async Task<Results<Ok<BrandingResponse>, Refusal>> (HttpContext context, BrandingRequest request, ChangeBranding change, SiteSettingsLayer layer, TenantRegistry registry) =>
        {
            var outcome = await change.SaveAsync(context.Tenant(), Actor(context),
                new Branding(request.Name ?? "", request.Tagline, request.PrimaryColour ?? "", request.AccentColour ?? ""), null, request.RemoveLogo, context.RequestAborted);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            await layer.ReloadAsync(context.RequestAborted);
            return TypedResults.Ok(Brand(context, layer.Effective(registry.Current.Find(context.Tenant().Id)!), layer));
        }).Refuses(ErrorKind.Validation).WithSummary("Set the name, tagline and colours (the primary colour must carry white text at WCAG AA contrast, 4.5:1).");
        admin.MapPut("/branding/logo", async Task<Results<Ok<BrandingResponse>, Refusal>> (HttpContext context, ChangeBranding change, SiteSettingsLayer layer, TenantRegistry registry) =>
        {
            // Read by hand rather than bound as IFormFile: the cookie anti-forgery filter above checks the header.
            if (!context.Request.HasFormContentType) return ApiResults.Problem(Core.Common.Error.Invalid("logo", "Send the logo as multipart/form-data in a field called 'logo'.").Keyed("error.logo-multipart"));
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (form.Files.GetFile("logo") is not { Length: > 0 } file) return ApiResults.Problem(Core.Common.Error.Invalid("logo", "Choose a logo file to upload (field 'logo').").Keyed("error.logo-missing"));
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, context.RequestAborted);
            var tenant = context.Tenant();
            var current = new Branding(tenant.Name, tenant.ThemeSettings.Tagline, tenant.ThemeSettings.PrimaryColour, tenant.ThemeSettings.AccentColour);
            var outcome = await change.SaveAsync(tenant, Actor(context), current, new LogoUpload(buffer.ToArray(), Path.GetFileName(file.FileName)), false, context.RequestAborted);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            await layer.ReloadAsync(context.RequestAborted);
            return TypedResults.Ok(Brand(context, layer.Effective(registry.Current.Find(tenant.Id)!), layer));
        }).Refuses(ErrorKind.Validation).WithSummary($"Upload the logo: PNG, JPEG or WebP (checked by its bytes), under {ChangeBranding.MostLogoBytes / 1024} KB. SVG is refused.")
          .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(8 * 1024 * 1024));
        admin.MapDelete("/branding", async Task<Results<NoContent, NotFound>> (HttpContext context, ChangeBranding change, SiteSettingsLayer layer, TenantRegistry registry) =>
        {
            if (registry.Current.Find(context.Tenant().Id) is not { } fromFile) return TypedResults.NotFound();
            await change.ResetAsync(context.Tenant(), fromFile, Actor(context), context.RequestAborted);
            await layer.ReloadAsync(context.RequestAborted);
            return TypedResults.NoContent();
        }).WithSummary("Go back to the name and brand in tenant.json (an uploaded logo is deleted).");

        admin.MapPut("/sign-in", async Task<Results<Ok<SignInResponse>, Refusal>> (HttpContext context, SignInRequest request, ChangeSignInSwitch change, SiteSettingsLayer layer) =>
        {
            var outcome = await change.HandleAsync(context.Tenant(), Actor(context), SignInSwitch.Passwords, request.Passwords, context.RequestAborted);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            await layer.ReloadAsync(context.RequestAborted);
            return TypedResults.Ok(new SignInResponse(outcome.Value, context.Tenant().SignIn.OpenIdConnect.Select(p => p.Label).ToList()));
        }).Refuses(ErrorKind.Validation).WithSummary("Switch password accounts on or off (off: people sign in through the site's single sign-on only); audited, in force at once.");
    }

    private static long Actor(HttpContext context) => context.User.MemberId()!.Value;

    private static RulesResponse Rules(HttpContext context, SiteSettingsLayer layer, TenantRegistry registry, PluginCatalog catalog, TenantDefinition? effective = null)
    {
        var tenant = effective ?? context.Tenant();
        var available = catalog.Plugins
            .SelectMany(p => p.Manifest.Rules.Select(r => new RuleOptionResponse(r.Kind.ToString().ToLowerInvariant(), r.Name, p.Manifest.Name, r.Description, r.Settings)))
            .ToList();
        return new RulesResponse(tenant.Rules, registry.Current.Find(tenant.Id)?.Rules ?? new RuleChoices(), layer.For(tenant.Id).Rules is not null, available);
    }

    private static ChallengeSettingsResponse Challenge(TenantDefinition tenant, string slug) =>
        new(slug, Features.For(tenant, slug), Features.RulesFor(tenant, slug), tenant.ChallengeOverrides.GetValueOrDefault(slug));

    private static BrandingResponse Brand(HttpContext context, TenantDefinition tenant, SiteSettingsLayer layer)
    {
        var s = tenant.ThemeSettings;
        var basePath = context.Request.PathBase.Value ?? "";
        var logo = s.UploadedLogo is { } uploaded ? $"{basePath}/brand/{uploaded}" : s.Logo is { } l ? $"{basePath}/media/{l["assets/".Length..]}" : null;
        return new BrandingResponse(tenant.Name, s.Tagline, s.PrimaryColour, s.AccentColour, logo, layer.For(tenant.Id).Branding is not null);
    }
}
