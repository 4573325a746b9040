using System.Collections.Concurrent;
using Engine.Themes.Rendering;
using Microsoft.Extensions.Logging;

namespace Engine.Themes;

/// <summary>
/// Hands out compiled themes, one per theme chain (theme + a tenant's overrides folder), compiled
/// on first use and cached: tenants on the same theme without overrides share one compilation.
/// A chain that fails validation is never served; the tenant gets the base theme instead.
/// </summary>
/// <param name="samples">The page models the checker renders each page against, strictly.</param>
/// <param name="emails">The email models the checker renders every part of each email against, strictly.</param>
public sealed class ThemeEngine(string themesRoot, ILogger<ThemeEngine> logger, ThemeLimits? limits = null,
    IEnumerable<(string Page, object Model)>? samples = null, IEnumerable<(string Template, object Model)>? emails = null)
{
    public const string FallbackTheme = "base";

    private readonly ConcurrentDictionary<(string Theme, string? Overrides, string Outlets), Lazy<ThemeResult>> _cache = new();

    // Whether each tenant's overrides folder exists (its full path) or not (null): looked up once, not with a stat call on
    // every page. The tenant watcher's stamp covers the folder, so it calls Forget when the folder comes or goes.
    private readonly ConcurrentDictionary<string, string?> _overrides = new(StringComparer.Ordinal);

    public string ThemesRoot { get; } = Path.GetFullPath(themesRoot);

    /// <summary>The compiled theme for a tenant, and the issues that made it fall back (to base, or to no outlets), if any.</summary>
    /// <param name="outlets">The plugins' templates for the theme's outlets that the tenant's rules bring.</param>
    /// <param name="outletsKey">The outlets' <see cref="OutletsKey"/>, when the caller keeps it (pages are rendered often: it is not worked out each time).</param>
    public ThemeResult Get(string theme, string? overridesFolder, IReadOnlyList<ThemeOutlet>? outlets = null, string? outletsKey = null)
    {
        var overrides = overridesFolder is null ? null
            : _overrides.GetOrAdd(overridesFolder, static folder => Directory.Exists(folder) ? Path.GetFullPath(folder) : null);
        return _cache.GetOrAdd((theme, overrides, outletsKey ?? OutletsKey(outlets)),
            key => new Lazy<ThemeResult>(() => Compile(key.Theme, key.Overrides, outlets ?? []))).Value;
    }

    /// <summary>Which outlets a compiled theme has, as its cache key: their files, in order.</summary>
    public static string OutletsKey(IReadOnlyList<ThemeOutlet>? outlets) =>
        outlets is null or [] ? "" : string.Join('|', outlets.Select(o => o.File).Order(StringComparer.Ordinal));

    /// <summary>Forgets every compiled chain that uses <paramref name="overridesFolder"/>, and whether it exists (a tenant changed).</summary>
    public void Forget(string overridesFolder)
    {
        var full = Path.GetFullPath(overridesFolder);
        foreach (var folder in _overrides.Keys.Where(f => Path.GetFullPath(f) == full)) _overrides.TryRemove(folder, out _);
        foreach (var key in _cache.Keys.Where(k => k.Overrides == full)) _cache.TryRemove(key, out _);
    }

    public void ForgetAll()
    {
        _overrides.Clear();
        _cache.Clear();
    }

    private (int Files, long Bytes, DateTime Latest) _themesStamp;

    /// <summary>
    /// Forgets every compiled chain when a file in the themes folder was added, removed or changed since the
    /// last call, so an edited theme is served on the next scan without a restart. A few stat calls per theme file.
    /// </summary>
    public bool ForgetIfChanged()
    {
        var files = new DirectoryInfo(ThemesRoot).EnumerateFiles("*", SearchOption.AllDirectories).ToList();
        var stamp = (files.Count, files.Sum(f => f.Length), files.Count == 0 ? default : files.Max(f => f.LastWriteTimeUtc));
        if (stamp == _themesStamp) return false;
        var first = _themesStamp == default;
        _themesStamp = stamp;
        if (first) return false;
        ForgetAll();
        logger.LogInformation("A file in the themes folder {Folder} changed: every theme is compiled again on its next use", ThemesRoot);
        return true;
    }

    public IReadOnlyList<ThemeIssue> Validate(string theme, string? overridesFolder, IReadOnlyList<ThemeOutlet>? outlets = null)
    {
        try { return ThemeValidator.Validate(ThemeSources.Load(ThemesRoot, theme, overridesFolder, outlets), samples, emails); }
        catch (ThemeException e) { return [new ThemeIssue(ThemeRules.Manifest, e.File, e.Message)]; }
    }

    private ThemeResult Compile(string theme, string? overrides, IReadOnlyList<ThemeOutlet> outlets)
    {
        var issues = Validate(theme, overrides, outlets);
        if (issues.Count == 0)
        {
            try { return new ThemeResult(new CompiledTheme(ThemeSources.Load(ThemesRoot, theme, overrides, outlets), limits), []); }
            catch (Exception e) when (e is ThemeException or IOException)
            {
                issues = [new ThemeIssue(ThemeRules.Compile, e is ThemeException t ? t.File : Path.Combine(ThemesRoot, theme), e.Message)];
            }
        }
        if (outlets.Count > 0)
        {
            // A plugin's broken outlet costs the tenant that plugin's outlets, not its theme.
            foreach (var issue in issues)
                logger.LogError("Theme {Theme} (overrides {Overrides}) is served without its plugins' outlets ({Plugins}): {Rule} {File} line {Line}, column {Column}: {Message}",
                    theme, overrides, string.Join(", ", outlets.Select(o => o.Plugin).Distinct()), issue.Rule, issue.File, issue.Line, issue.Column, issue.Message);
            return Get(theme, overrides) with { OutletIssues = issues };
        }
        foreach (var issue in issues)
            logger.LogError("Theme {Theme} (overrides {Overrides}) is not served, falling back to {Fallback}: {Rule} {File} line {Line}, column {Column}: {Message}",
                theme, overrides, FallbackTheme, issue.Rule, issue.File, issue.Line, issue.Column, issue.Message);
        if (theme == FallbackTheme && overrides is null)
            throw new ThemeException(Path.Combine(ThemesRoot, FallbackTheme),
                "the fallback theme itself is broken: " + string.Join("; ", issues));
        return Get(FallbackTheme, null) with { Issues = issues };
    }
}

/// <param name="Issues">Why the theme chain is not served (base is, instead).</param>
public sealed record ThemeResult(CompiledTheme Theme, IReadOnlyList<ThemeIssue> Issues)
{
    /// <summary>Why the plugins' outlets are not written (the theme is served without them).</summary>
    public IReadOnlyList<ThemeIssue> OutletIssues { get; init; } = [];
}
