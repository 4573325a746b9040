using System.Globalization;
using System.Text.RegularExpressions;
using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.Administration;

/// <summary>A logo an admin uploaded: its bytes and what the person said it was (only used in messages).</summary>
public sealed record LogoUpload(byte[] Bytes, string FileName);

/// <summary>Where uploaded brand files live: one folder per tenant, outside tenants/ and the web root.</summary>
public interface IBrandFiles
{
    /// <summary>Stores the logo under a name made from its content; returns that name.</summary>
    Task<string> SaveLogoAsync(string tenantId, byte[] bytes, string extension, CancellationToken ct = default);
    /// <summary>The full path of a tenant's stored file, or null when that tenant has no such file.</summary>
    string? Find(string tenantId, string fileName);
    void Delete(string tenantId, string fileName);
}

/// <summary>
/// An admin sets the site's name, tagline, colours and logo. Colours must be hex and the primary
/// colour must carry white text at WCAG AA contrast; a logo must really be a PNG, JPEG or WebP
/// image (checked by its bytes) within the size limit. Every change is audited with before and after.
/// </summary>
public sealed partial class ChangeBranding(ISiteSettingsStore settings, IBrandFiles files, IModerationStore audit, TimeProvider clock)
{
    public const int MostLogoBytes = 512 * 1024;
    public const double LeastContrast = 4.5;

    public async Task<Outcome<Branding>> SaveAsync(TenantDefinition effective, long actorId, Branding input, LogoUpload? logo, bool removeLogo, CancellationToken ct = default)
    {
        if (TextRules.Check("name", input.Name, 3, 80, out var name) is { } nameError) return nameError;
        var tagline = (input.Tagline ?? "").Trim();
        if (tagline.Length > 150) return Error.Invalid("tagline", $"The tagline must be 150 characters or fewer (it has {tagline.Length}).").Keyed("admin.branding.tagline-too-long", 150, tagline.Length);
        if (ColourProblem("primaryColour", input.PrimaryColour, out var primary) is { } p) return p;
        if (ColourProblem("accentColour", input.AccentColour, out var accent) is { } a) return a;
        var contrast = ContrastWithWhite(primary);
        if (contrast < LeastContrast)
        {
            string ratio = contrast.ToString("0.0", CultureInfo.InvariantCulture), least = LeastContrast.ToString("0.0", CultureInfo.InvariantCulture);
            return Error.Invalid("primaryColour",
                $"White text on {primary} has a contrast ratio of {ratio}:1; it needs at least {least}:1 to be readable (WCAG AA). Choose a darker colour.")
                .Keyed("admin.branding.low-contrast", primary, ratio, least);
        }

        string? extension = null;
        if (logo is not null)
        {
            if (logo.Bytes.Length == 0) return Error.Invalid("logo", "The selected logo file is empty.").Keyed("admin.branding.logo-empty");
            if (logo.Bytes.Length > MostLogoBytes)
                return Error.Invalid("logo", $"The logo must be smaller than {MostLogoBytes / 1024} KB (this file is {(logo.Bytes.Length + 1023) / 1024} KB).")
                    .Keyed("admin.branding.logo-too-large", MostLogoBytes / 1024, (logo.Bytes.Length + 1023) / 1024);
            extension = LogoImage.Detect(logo.Bytes);
            if (extension is null)
                return Error.Invalid("logo", $"The logo must be a PNG, JPEG or WebP image; '{logo.FileName}' is not one (SVG is not accepted).")
                    .Keyed("admin.branding.logo-type", logo.FileName);
        }

        var previous = effective.ThemeSettings.UploadedLogo;
        var now = clock.GetUtcNow();
        var stored = extension is null ? null : await files.SaveLogoAsync(effective.Id, logo!.Bytes, extension, ct);
        var next = new Branding(name, tagline, primary, accent) { Logo = stored ?? (removeLogo ? null : previous) };
        await settings.SaveBrandingAsync(effective.Id, next, actorId, now, ct);
        if (previous is not null && previous != next.Logo) files.Delete(effective.Id, previous);

        var before = effective.ThemeSettings;
        foreach (var (subject, was, becomes) in new[]
        {
            ("branding.name", effective.Name, name),
            ("branding.tagline", before.Tagline ?? "", tagline),
            ("branding.primaryColour", before.PrimaryColour, primary),
            ("branding.accentColour", before.AccentColour, accent),
            ("branding.logo", LogoText(before.UploadedLogo, before.Logo), LogoText(next.Logo, before.Logo)),
        })
            if (was != becomes)
                await audit.AuditAsync(effective.Id, actorId, "setting.changed", subject, $"{Quote(was)} -> {Quote(becomes)}", now, ct);
        return next;
    }

    /// <summary>Goes back to the name and brand in tenant.json; an uploaded logo is deleted.</summary>
    public async Task<Outcome<bool>> ResetAsync(TenantDefinition effective, TenantDefinition fromFile, long actorId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await settings.SaveBrandingAsync(effective.Id, null, actorId, now, ct);
        if (effective.ThemeSettings.UploadedLogo is { } uploaded) files.Delete(effective.Id, uploaded);
        await audit.AuditAsync(effective.Id, actorId, "setting.reset", "branding",
            $"{Quote(effective.Name)}, {effective.ThemeSettings.PrimaryColour} -> {Quote(fromFile.Name)}, {fromFile.ThemeSettings.PrimaryColour} (tenant.json)", now, ct);
        return true;
    }

    /// <summary>WCAG 2 contrast ratio of a #rrggbb colour against white (1 to 21).</summary>
    public static double ContrastWithWhite(string hex)
    {
        static double Channel(string hex, int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var luminance = 0.2126 * Channel(hex, 1) + 0.7152 * Channel(hex, 3) + 0.0722 * Channel(hex, 5);
        return 1.05 / (luminance + 0.05);
    }

    private static Error? ColourProblem(string field, string? value, out string colour)
    {
        colour = (value ?? "").Trim().ToLowerInvariant();
        return Hex().IsMatch(colour) ? null
            : Error.Invalid(field, $"The {(field == "primaryColour" ? "primary" : "accent")} colour must be a hex colour such as #005eb8 (a # and six digits 0-9 or letters a-f).")
                .Keyed(field == "primaryColour" ? "admin.branding.primary-colour-format" : "admin.branding.accent-colour-format");
    }

    private static string LogoText(string? uploaded, string? fromFile) => uploaded is not null ? $"uploaded {uploaded}" : fromFile ?? "none";
    private static string Quote(string text) => text.Length == 0 ? "(none)" : text;

    [GeneratedRegex("^#[0-9a-f]{6}$")] private static partial Regex Hex();
}

/// <summary>
/// Recognises a logo by its first bytes, never by its name or the browser's content type, so a
/// renamed page or script cannot be stored and served as an image. SVG is refused on purpose: it is
/// XML that can carry script and external references, and served from the site's own origin it
/// would run with the site's cookies; making it safe needs a full SVG sanitiser, which a raster
/// logo does not.
/// </summary>
public static class LogoImage
{
    /// <summary>"png", "jpg" or "webp", or null when the bytes are none of these.</summary>
    public static string? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "png";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "jpg";
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return "webp";
        return null;
    }

    public static string ContentType(string extension) => extension switch
    {
        "png" => "image/png",
        "jpg" => "image/jpeg",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    };
}
