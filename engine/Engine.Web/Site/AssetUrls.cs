using Engine.Core.Tenancy;
using Engine.Themes;
using Engine.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Engine.Web.Site;

/// <summary>
/// Where pages load their style sheets and scripts from: addresses with a hash of the files' contents in them
/// (<c>/theme/v-1a2b3c4d5e6f/base.css</c>), answered with a one-year immutable lifetime, so a phone fetches them once
/// and a changed file comes under a new address. The address without the hash still answers, with a short lifetime,
/// for anything that names it directly (an old cached page, a hand-written link).
/// </summary>
public sealed class AssetUrls
{
    public const string Prefix = "v-";
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string ShortLived = "public, max-age=300";

    private readonly Plugins.TenantThemes _themes;

    public AssetUrls(Plugins.TenantThemes themes, IOptions<EngineOptions> options, IHostEnvironment environment)
    {
        _themes = themes;
        NhsukFolder = Path.Combine(options.Value.Resolve(environment.ContentRootPath, options.Value.FrontEndPath), "nhsuk-frontend", "dist", "nhsuk");
        // The bundles pages load are the folder's own files; its subfolders are what they were built from.
        NhsukVersion = Directory.Exists(NhsukFolder)
            ? ContentHash.Of(Directory.EnumerateFiles(NhsukFolder).Select(f => (Path.GetFileName(f), f)))
            : null;
    }

    /// <summary>nhsuk-frontend's built files, installed by npm; absent until <c>npm ci</c> has run.</summary>
    public string NhsukFolder { get; }
    public string? NhsukVersion { get; }

    /// <summary>nhsuk-frontend, for the nhs theme's layout: <c>{url}/nhsuk-frontend.min.css</c>.</summary>
    public string NhsukUrl => NhsukVersion is null ? "/frontend/nhsuk" : $"/frontend/nhsuk/{Prefix}{NhsukVersion}";

    /// <summary>The tenant's theme chain (its overrides, its theme, the themes that builds on) as the layouts' <c>site.theme_url</c>.</summary>
    public string ThemeUrl(string basePath, TenantDefinition tenant) => $"{basePath}/theme/{Prefix}{Theme(tenant).Sources.AssetsVersion}";

    public CompiledTheme Theme(TenantDefinition tenant) => _themes.For(tenant).Theme;

    /// <summary>
    /// The asset path without its hash, and whether the hash is the current one (only then may the answer be kept for
    /// good: under an old hash the current file is sent, for a short while).
    /// </summary>
    public static (string Path, bool Current) Unversioned(string path, string version)
    {
        var slash = Prefix.Length + version.Length;
        if (path.Length <= slash || path[slash] != '/' || !path.StartsWith(Prefix, StringComparison.Ordinal)
            || !path[Prefix.Length..slash].All(char.IsAsciiHexDigitLower)) return (path, false);
        return (path[(slash + 1)..], path[Prefix.Length..slash] == version);
    }
}
