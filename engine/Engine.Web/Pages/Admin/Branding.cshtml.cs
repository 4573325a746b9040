using Engine.Core.Administration;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// The site's name, tagline, colours and logo, over tenant.json. The public site shows a change on
/// the next request. The body limit is well above the logo limit, so an oversized logo gets the
/// use case's clear message rather than a bare 413.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = BodyLimit)]
[RequestSizeLimit(BodyLimit)]
public sealed class BrandingModel(ChangeBranding change, SiteSettingsLayer layer, TenantRegistry registry) : AdminPageModel
{
    private const int BodyLimit = 8 * 1024 * 1024;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Tagline { get; set; }
    [BindProperty] public string? PrimaryColour { get; set; }
    [BindProperty] public string? AccentColour { get; set; }
    [BindProperty] public IFormFile? Logo { get; set; }
    [BindProperty] public bool RemoveLogo { get; set; }

    public bool Overridden => layer.For(Tenant.Id).Branding is not null;
    public string? LogoUrl => Tenant.ThemeSettings.UploadedLogo is { } uploaded ? $"{Request.PathBase}/brand/{uploaded}"
        : Tenant.ThemeSettings.Logo is { } logo ? $"{Request.PathBase}/media/{logo["assets/".Length..]}" : null;
    public bool HasUploadedLogo => Tenant.ThemeSettings.UploadedLogo is not null;

    public void OnGet()
    {
        Name = Tenant.Name;
        Tagline = Tenant.ThemeSettings.Tagline;
        PrimaryColour = Tenant.ThemeSettings.PrimaryColour;
        AccentColour = Tenant.ThemeSettings.AccentColour;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        LogoUpload? upload = null;
        if (Logo is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await Logo.CopyToAsync(buffer, ct);
            upload = new LogoUpload(buffer.ToArray(), Path.GetFileName(Logo.FileName));
        }
        var outcome = await change.SaveAsync(Tenant, ActorId, new Branding(Name ?? "", Tagline, PrimaryColour ?? "", AccentColour ?? ""), upload, RemoveLogo, ct);
        if (!outcome.Succeeded) return Invalid(outcome.Error!.Field ?? "name", outcome.Error);
        await layer.ReloadAsync(ct);
        return Done(Words("admin.branding.done"));
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        if (registry.Current.Find(Tenant.Id) is not { } fromFile) return NotFound();
        await change.ResetAsync(Tenant, fromFile, ActorId, ct);
        await layer.ReloadAsync(ct);
        return Done(Words("admin.branding.done-reset"));
    }
}
