using System.Text.Json;
using System.Text.Json.Serialization;
using Engine.Core.Caching;
using Engine.Core.Comments;
using Engine.Core.Ideas;
using Engine.Core.Administration;
using Engine.Core.Anonymity;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Engine.Core.Rules;
using Engine.Plugins.Loading;
using Engine.Web.Plugins;
using Engine.Core.Votes;
using Engine.Data;
using Engine.Themes;
using Engine.Web.Accounts;
using Engine.Web.Accounts.Passkeys;
using Engine.Web.Accounts.TwoFactor;
using Engine.Web.Api;
using Engine.Web.DataRights;
using Engine.Web.Email;
using Engine.Web.Images;
using Engine.Web.Seeding;
using Engine.Web.SingleSignOn;
using Engine.Web.SystemAdmin;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Engine.Web.Hosting;

public static class EngineServices
{
    public const string AuthScheme = "Engine";

    public static WebApplicationBuilder AddEngine(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<EngineOptions>(builder.Configuration.GetSection(EngineOptions.Section));
        services.Configure<PluginOptions>(builder.Configuration.GetSection(PluginOptions.Section));
        services.Configure<EventOptions>(builder.Configuration.GetSection("Engine:Events"));
        services.AddSingleton(TimeProvider.System);
        services.AddStorage().AddUseCases().AddThemesAndTenants().AddAccounts().AddApi();
        services.AddEmail(builder.Configuration);
        services.AddRetentionRule(builder.Configuration);
        services.AddAdminPages();
        services.AddPrivateChallenges();
        services.AddCoding();
        services.AddBackgroundPacing(builder.Configuration);
        services.AddThemeSuggestions();
        services.AddIdeaImages();
        services.AddSystemSite(builder.Configuration);
        services.AddHealth(builder.Configuration);
        services.AddEngineRateLimits(builder.Configuration);
        services.AddProxy(builder.Configuration);
        services.AddKeyRing(builder.Configuration, builder.Environment);
        services.AddCompression();
        builder.AddEngineTelemetry();
        // Which server and version answers is nobody's business (OWASP's secure-headers list).
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        return builder;
    }

    internal static string PathFor(IServiceProvider sp, Func<EngineOptions, string> pick)
    {
        var options = sp.GetRequiredService<IOptions<EngineOptions>>().Value;
        return options.Resolve(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, pick(options));
    }

    private static IServiceCollection AddStorage(this IServiceCollection services)
    {
        // Every committed write moves its tenant's version, which is what drops that tenant's cached pages.
        services.AddSingleton<Engine.Core.Common.DataVersions>();
        services.AddSingleton<Engine.Core.Caching.EngineCache>();
        services.AddSingleton<Site.PageCache>();
        services.AddSingleton<Site.AssetUrls>();
        services.AddSingleton<Plugins.TenantThemes>();
        services.AddEngineStorage(sp => new StorageSettings(Path.Combine(PathFor(sp, o => o.DataPath), "engine.db"),
            Storage(sp).Postgres, sp.GetRequiredService<IOptions<EngineOptions>>().Value.NumbersRecountEvery));
        services.AddSingleton<SiteSettingsLayer>();
        services.AddSingleton<IBrandFiles>(sp => new BrandFiles(PathFor(sp, o => o.DataPath)));
        services.AddHostedService<DatabaseMigrator>();
        services.AddHostedService<OtherNodesWatcher>();
        return services;
    }

    private static StorageOptions Storage(IServiceProvider sp) => sp.GetRequiredService<IOptions<EngineOptions>>().Value.Storage;

    private static IServiceCollection AddUseCases(this IServiceCollection services) => services
        .AddSingleton(sp => new RuleBudget(sp.GetRequiredService<IOptions<EngineOptions>>().Value.RuleBudget))
        .AddSingleton<ContributionGate>()
        .AddSingleton(sp => new KeptRankings(sp.GetRequiredService<Core.Common.DataVersions>(), sp.GetRequiredService<TimeProvider>()))
        .AddSingleton<ListIdeas>()
        .AddSingleton<IdeaLabels>()
        .AddSingleton<Core.Rules.IRuleWords, Languages.RuleWords>()
        .AddSingleton<Languages.HoldWords>()
        .AddSingleton<Core.Search.FindIdeas>()
        .AddSingleton<Core.News.ManageNews>()
        .AddSingleton<Core.Roadmap.Roadmap>()
        .AddSingleton<PostIdea>()
        .AddSingleton<OpenIdea>()
        .AddSingleton<Core.Challenges.OpenChallenge>()
        .AddSingleton<ReadIdea>()
        .AddSingleton<CastVote>()
        .AddSingleton<PostComment>()
        .AddSingleton<Core.Editing.EditContribution>()
        .AddSingleton<Core.Editing.WithdrawIdea>()
        .AddSingleton<Core.Editing.EditHeldContent>()
        .AddSingleton<Core.Editing.ChangeEditWindow>()
        .AddSingleton<ReportContent>()
        .AddSingleton<RevealAuthor>()
        .AddSingleton<ModerateContent>()
        .AddSingleton<YourContributions>()
        .AddSingleton<Engine.Core.DataRights.DownloadMyData>()
        .AddSingleton<Engine.Core.DataRights.DeleteMyAccount>()
        .AddSingleton<Engine.Core.DataRights.SubjectAccessExport>()
        .AddSingleton<ChangeSiteSettings>()
        .AddSingleton<ChangeSignInSwitch>()
        .AddSingleton<Core.Events.EventAudience>()
        .AddSingleton<ChangeRole>()
        .AddSingleton<Responsiveness>()
        .AddSingleton<ManageChallenges>()
        .AddSingleton<ChangeRules>()
        .AddSingleton<ChangeBranding>()
        .AddSingleton<Core.BigIdeas.MergeIdeas>()
        .AddSingleton<Core.BigIdeas.ThemeIdeas>()
        .AddSingleton<Core.Imports.ImportOfflineIdeas>()
        .AddSingleton<DataExchange.ExportDownload>();

    private static IServiceCollection AddThemesAndTenants(this IServiceCollection services)
    {
        services.AddHttpClient();
        // The checker renders every page and email against the sample models before a theme chain is served.
        services.AddSingleton(sp => new ThemeEngine(PathFor(sp, o => o.ThemesPath), sp.GetRequiredService<ILogger<ThemeEngine>>(),
            samples: Engine.Themes.Pages.PageSamples.All().Select(s => (s.Page, (object)s.Model)).ToList(), emails: Email.EmailSamples.All()));
        services.AddSingleton(sp => new TenantRegistry(PathFor(sp, o => o.TenantsPath), sp.GetRequiredService<ILogger<TenantRegistry>>()));
        // Plugins run with all the engine's rights, so Production loads only the builds its operator listed.
        services.AddSingleton(sp => new PluginCatalog(PathFor(sp, o => o.PluginsPath),
            sp.GetRequiredService<IOptions<EngineOptions>>().Value.RuleBudget, sp.GetRequiredService<ILogger<PluginCatalog>>(),
            sp.GetRequiredService<IHostEnvironment>().IsProduction() ? sp.GetRequiredService<IOptions<PluginOptions>>().Value.Allowed : null,
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>(),
            // Each plugin's outside calls go through its own named client, which an operator can configure (a proxy, say).
            sp.GetRequiredService<IHttpClientFactory>().CreateClient, sp.GetRequiredService<Engine.Data.Stores.PluginStateStore>().For));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EngineOptions>>().Value;
            return new Engine.Plugins.Rules.RuleContainment(options.RuleBudget, options.RuleContainment, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Engine.Plugins.Rules.RuleContainment>>());
        });
        services.AddSingleton<PluginRules>();
        services.AddSingleton<IRuleResolver>(sp => sp.GetRequiredService<PluginRules>());
        services.AddSingleton<PluginEvents>();
        services.AddSingleton<Engine.Core.Events.IEventSubscribers>(sp => sp.GetRequiredService<PluginEvents>());
        services.AddSingleton<IRuleChoiceChecker, PluginRuleChecker>();
        services.AddSingleton<IAnonymityPromise, AnonymityPromise>();
        services.AddSingleton(sp => new AuthorKeys(Path.Combine(PathFor(sp, o => o.DataPath), "keys", "anonymity.key"),
            sp.GetRequiredService<Engine.Data.Database>(), sp.GetRequiredService<Engine.Core.Common.DataVersions>()));
        services.AddSingleton<IAuthorKeys>(sp => sp.GetRequiredService<AuthorKeys>());
        // Hosted services start in this order: schema, plugins, then tenants (whose rules need the plugins).
        services.AddHostedService<PluginWatcher>();
        services.AddHostedService<TenantWatcher>();
        services.AddHostedService<EventDelivery>();
        services.AddHostedService<DemoSeeder>();
        return services;
    }

    private static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        // Stateless, so singletons: the demo seeder (a hosted service) needs them outside any request.
        services.AddSingleton<IPasswordHasher<Member>, PasswordHasher<Member>>();
        services.AddSingleton<ILookupNormalizer, UpperInvariantLookupNormalizer>();
        services.AddIdentityCore<Member>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = ""; // the user name is the email address; any address is allowed
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Tokens.EmailConfirmationTokenProvider = TenantTokenProvider.Name;
                o.Tokens.PasswordResetTokenProvider = TenantTokenProvider.Name;
            })
            .AddUserStore<MemberUserStore>()
            .AddTokenProvider<TenantTokenProvider>(TenantTokenProvider.Name);
        services.AddScoped<AccountService>();
        services.AddSingleton<TokenUses>();

        services.AddAuthentication(AuthScheme)
            .AddPolicyScheme(AuthScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthentication.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = ".engine.signin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/signin";
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = MemberCheck.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null)
            .AddSingleSignOn();
        services.AddTwoFactor();
        services.AddPasskeys();
        // After the framework's own post-configuration, which makes the cookie format this wraps.
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .PostConfigure<EngineCache>((o, cache) => o.TicketDataFormat = new KeptSignInTickets(o.TicketDataFormat, cache));
        services.AddAuthorization(o =>
        {
            o.AddPolicy(Policies.Moderator, p => p.RequireRole(Roles.Moderators));
            o.AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
            o.AddPolicy(Policies.Team, p => p.RequireRole(Roles.Team));
            o.AddPolicy(Policies.Manager, p => p.RequireRole(Roles.Managers));
        });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = ".engine.antiforgery";
            // Secure whenever the page came over HTTPS (also through the TLS proxy), as the sign-in cookie is.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        KeepAntiforgeryTokens(services);

        // Keys kept in the data folder, so sign-ins survive a restart; with PostgreSQL, in the database,
        // so a cookie one node signed is accepted by every other.
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlRepository = sp.GetRequiredService<StorageSettings>().UsesPostgres
                ? new DatabaseXmlRepository(sp.GetRequiredService<Database>())
                : new FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(PathFor(sp, e => e.DataPath), "keys")), sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>The framework's anti-forgery service, with a member's token pair kept a minute (<see cref="KeptAntiforgeryTokens"/>).</summary>
    private static void KeepAntiforgeryTokens(IServiceCollection services)
    {
        var framework = services.Last(d => d.ServiceType == typeof(Microsoft.AspNetCore.Antiforgery.IAntiforgery));
        services.Remove(framework);
        services.AddSingleton<Microsoft.AspNetCore.Antiforgery.IAntiforgery>(sp => new KeptAntiforgeryTokens(
            (Microsoft.AspNetCore.Antiforgery.IAntiforgery)ActivatorUtilities.CreateInstance(sp, framework.ImplementationType!),
            sp.GetRequiredService<EngineCache>(), sp.GetRequiredService<IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>()));
    }

    /// <summary>API callers get a status code (and a problem body); people on pages get sent to sign in.</summary>
    private static async Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            // The system site has its own sign-in page; a tenant's is the themed one.
            context.Response.Redirect(context.HttpContext.Features.Get<Core.Tenancy.TenantDefinition>() is { } tenant && SystemSite.Is(tenant)
                ? $"{context.Request.PathBase}/system/signin?returnUrl={Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}"
                : context.RedirectUri);
            return;
        }
        context.Response.StatusCode = status;
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = status,
                Title = status == 401 ? "Not signed in" : "Not allowed",
                Detail = status == 401 ? "Sign in, or send a personal bearer token in the Authorization header." : "Your role does not allow this.",
            },
        });
    }

    private static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddExceptionHandler<StorageFailureHandler>();
        // Binding failures throw, so BadRequestHandler can say what was wrong instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddApiDocuments();
        return services;
    }
}
