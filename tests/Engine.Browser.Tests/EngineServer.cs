using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Engine.Browser.Tests;

/// <summary>One test site: a tenant on one of the public themes, answering on a <c>*.localhost</c> host
/// (chromium resolves every <c>*.localhost</c> name to the loopback address by itself).</summary>
public sealed record Site(string Theme, string Name, string TenantId, string Host, string PrimaryColour, string AccentColour, string LogoFrom)
{
    public override string ToString() => Theme;
}

/// <summary>
/// The engine on a real Kestrel port (<see cref="TestEngine"/>: its own tenants folder and database, the
/// repository's real themes and front-end packages). One tenant per public theme, each with anonymous posting
/// and thumbs-down switched on so every control a theme has is on the page.
/// </summary>
public sealed class EngineServer : TestEngine
{
    public static readonly Site Base = new("base", "Base Care Voices", "base-site", "base.localhost", "#123456", "#ffeb3b", "home4noon");
    public static readonly Site Nhs = new("nhs", "NHS Care Voices", "nhs-site", "nhs.localhost", "#005eb8", "#ffb81c", "solving-together");
    public static readonly Site London = new("london", "London Care Voices", "london-site", "london.localhost", "#6a1b9a", "#00a499", "london-community");
    public static readonly Site[] Sites = [Base, Nhs, London];
    /// <summary>The site the admin tests run on: its own tenant (switching thumbs-down off there surprises no other test), with a rule that holds personal data for a moderator.</summary>
    public static readonly Site Admin = new("nhs", "Admin Care Voices", "admin-site", "admin.localhost", "#005eb8", "#ffb81c", "solving-together");
    /// <summary>The system site (not a tenant): the deployment's operators, signed in with the bootstrap account below.</summary>
    /// <summary>A tenant whose name is itself an XSS payload, as a careless or hostile operator might write it.</summary>
    public static readonly Site Hostile = new("nhs", "<img src=x onerror=alert('tenant')> \"Care\" & <script>alert('name')</script>", "hostile-site", "hostile.localhost", "#005eb8", "#ffb81c", "solving-together");
    public static readonly Site System = new("nhs", "System administration", "_system", "system.localhost", "#005eb8", "#ffb81c", "solving-together");
    /// <summary>A site whose staff sign in through <see cref="Provider"/>, as NHSmail staff through Microsoft Entra ID.</summary>
    public static readonly Site SingleSignOn = new("nhs", "Staff Sign-in Voices", "sso-site", "sso.localhost", "#005eb8", "#ffb81c", "solving-together");
    /// <summary>A real OpenID Connect provider (OpenIddict) on a port of its own, for <see cref="SingleSignOn"/>.</summary>
    public TestOpenIdProvider Provider { get; } = TestOpenIdProvider.Start();
    public const string SystemEmail = "ops@deployment.example", SystemPassword = "a long bootstrap secret";
    public static Site For(string theme) => Sites.Single(s => s.Theme == theme);
    /// <summary>Sites in Welsh first, offering English too (the language switch is on every page), one per theme that ships Welsh.</summary>
    public static readonly Site[] Welsh =
    [
        new("base", "Lleisiau Gofal", "base-cy", "base-cy.localhost", "#123456", "#ffeb3b", "home4noon"),
        new("nhs", "Lleisiau Gofal GIG", "nhs-cy", "nhs-cy.localhost", "#005eb8", "#ffb81c", "solving-together"),
    ];
    /// <summary>Sites in Urdu first (written right to left), offering English too, one per theme that ships Urdu.</summary>
    public static readonly Site[] Urdu =
    [
        new("base", "Care Voices Bradford", "base-ur", "base-ur.localhost", "#123456", "#ffeb3b", "home4noon"),
        new("nhs", "NHS Care Voices Bradford", "nhs-ur", "nhs-ur.localhost", "#005eb8", "#ffb81c", "solving-together"),
    ];

    /// <summary>Sites the pseudo-locale test has to itself, one per theme, so every word of content on them is its own.</summary>
    public static readonly Site[] Pseudo =
    [
        new("base", "Pseudo Base Voices", "base-qps", "base-qps.localhost", "#123456", "#ffeb3b", "home4noon"),
        new("nhs", "Pseudo NHS Voices", "nhs-qps", "nhs-qps.localhost", "#005eb8", "#ffb81c", "solving-together"),
        new("london", "Pseudo London Voices", "london-qps", "london-qps.localhost", "#6a1b9a", "#00a499", "london-community"),
    ];

    /// <summary>A site the admin pseudo-locale walk has to itself, so every word of content on its admin pages is the test's own.</summary>
    public static readonly Site PseudoAdmin = new("base", "Pseudo Admin Voices", "admin-qps", "admin-qps.localhost", "#123456", "#ffeb3b", "home4noon");

    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>Every test site's tagline and challenges (the words of content tenant.json gives them).</summary>
    public const string Tagline = "Ideas from patients, families and staff.";
    public static readonly (string Slug, string Title, string Description, DateTimeOffset OpensAt, DateTimeOffset ClosesAt)[] Challenges =
    [
        ("waiting-well", "Waiting well", "How can we help people wait well for planned care?", Now.AddDays(-7), Now.AddDays(21)),
        ("last-year", "Last year's challenge", "Closed now.", Now.AddDays(-400), Now.AddDays(-300)),
    ];

    public EngineServer() : base(onPort: true)
    {
        foreach (var site in Sites) WriteTenant(site);
        WriteTenant(Admin, new { moderation = new[] { new { rule = "personal-data" } } });
        WriteTenant(Hostile);
        WriteTenant(SingleSignOn, signIn: new
        {
            openIdConnect = new[] { new { id = "nhsmail", label = "Sign in with NHSmail", authority = Provider.Authority, clientId = TestOpenIdProvider.SecretClientId } },
        });
        foreach (var site in Welsh) WriteTenant(site, locale: "cy-GB", languages: ["en-GB"]);
        foreach (var site in Urdu) WriteTenant(site, locale: "ur", languages: ["en-GB"]);
        foreach (var site in Pseudo) WriteTenant(site);
        WriteTenant(PseudoAdmin);
        foreach (var sample in SampleTenant.All) CopySampleTenant(sample.Site.TenantId);
    }

    /// <summary>
    /// A sample tenant from the repository's tenants folder, copied as it is (tenant.json and assets): the
    /// journeys on it meet its real rules, challenges, host and theme. The copy, not the original, is what
    /// the admin's settings change.
    /// </summary>
    private void CopySampleTenant(string id)
    {
        var from = Path.Combine(TestRepository.Root, "tenants", id);
        var to = Path.Combine(TenantsPath, id);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Url(Site site, string path = "/") => $"http://{site.Host}:{Port}{path}";

    private void WriteTenant(Site site, object? rules = null, string locale = "en-GB", string[]? languages = null, object? signIn = null)
    {
        var tenant = new Dictionary<string, object?>
        {
            ["id"] = site.TenantId,
            ["name"] = site.Name,
            ["hosts"] = new[] { site.Host },
            ["theme"] = site.Theme,
            ["themeSettings"] = new { logo = "assets/logo.svg", primaryColour = site.PrimaryColour, accentColour = site.AccentColour, tagline = Tagline },
            ["locale"] = locale,
            ["languages"] = languages ?? [],
            ["features"] = new { anonymousPosting = true, downVotes = true },
            ["challenges"] = Challenges.Select(c => new { slug = c.Slug, title = c.Title, description = c.Description, opensAt = c.OpensAt, closesAt = c.ClosesAt }).ToArray(),
        };
        if (rules is not null) tenant["rules"] = rules;
        if (signIn is not null) tenant["signIn"] = signIn;
        var dir = Path.Combine(TenantsPath, site.TenantId);
        Directory.CreateDirectory(Path.Combine(dir, "assets"));
        File.Copy(Path.Combine(TestRepository.Root, "tenants", site.LogoFrom, "assets", "logo.svg"), Path.Combine(dir, "assets", "logo.svg"));
        WriteTenantJson(site.TenantId, JsonSerializer.Serialize(tenant, new JsonSerializerOptions { WriteIndented = true }));
    }

    // The repository's built plugins (TestEngine's default): the theme sites choose none (built-in thumbs up and
    // down, anonymous posting); the admin rules form shows every kind of generated field, and the admin site uses
    // personal-data to hold content for a moderator.
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        UseSettings(builder, TestEngineSettings.SystemSite(System.Host, SystemEmail, SystemPassword));
        builder.UseSetting($"Engine:SignIn:{SingleSignOn.TenantId}:nhsmail:ClientSecret", TestOpenIdProvider.ClientSecret);
        // Pages answer in the pseudo-locale only when asked (?lang=qps): every other test's pages are as before.
        builder.UseSetting("Engine:PseudoLocale", "true");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new AxeScript(Path.Combine(TestRepository.Root, "node_modules", "axe-core"))));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }

    public const string AxeScriptUrl = "/__browser-tests/axe-core/axe.min.js";

    /// <summary>
    /// Serves axe-core's script to the browser from the same origin as the page (test host only, ahead
    /// of the engine's pipeline), so a script tag can load it under the site's own Content-Security-Policy
    /// (script-src 'self') and the browser caches and compiles it once, not once per page.
    /// </summary>
    private sealed class AxeScript(string folder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(folder),
                RequestPath = "/__browser-tests/axe-core",
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "max-age=3600",
            });
            next(app);
        };
    }
}
