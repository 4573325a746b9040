using System.Collections.Concurrent;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Engine.Web.SingleSignOn;

/// <summary>
/// The OpenID Connect handler's options for the request's tenant and provider (the <c>{provider}</c> of the sign-in address),
/// built from tenant.json and configuration: one deployment serves many tenants, each with its own providers, so the
/// framework's one set of options per scheme cannot hold them. Each is built once, with its discovery document cached in
/// it, and again when the provider's definition or secret changes.
/// </summary>
public sealed class TenantOpenIdConnectOptions(IHttpContextAccessor http, IConfiguration configuration, IDataProtectionProvider dataProtection,
    IEnumerable<IPostConfigureOptions<OpenIdConnectOptions>> postConfigures, TimeProvider clock) : IOptionsMonitor<OpenIdConnectOptions>
{
    private sealed record Built(OpenIdProvider Provider, string? Secret, OpenIdConnectOptions Options);
    private readonly ConcurrentDictionary<(string Tenant, string Provider), Built> _built = new();

    public OpenIdConnectOptions CurrentValue => Get(SingleSignOnServices.Scheme);

    public OpenIdConnectOptions Get(string? name)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("OpenID Connect sign-in runs only within a request.");
        var tenant = context.Tenant();
        var provider = SingleSignOnServices.ProviderOf(context)
            ?? throw new InvalidOperationException($"Tenant {tenant.Id} has no OpenID Connect provider at {context.Request.Path}.");
        var secret = Secret(tenant.Id, provider);
        var key = (tenant.Id, provider.Id);
        if (_built.TryGetValue(key, out var built) && built.Provider == provider && built.Secret == secret) return built.Options;
        var options = Build(tenant.Id, provider, secret, name ?? SingleSignOnServices.Scheme);
        _built[key] = new Built(provider, secret, options);
        return options;
    }

    public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => null;

    /// <summary>The client secret or private key (PEM) from configuration or the environment; null when the operator has not set it.</summary>
    public string? Secret(string tenantId, OpenIdProvider provider) =>
        configuration[OpenIdProvider.SecretKey(tenantId, provider.Id, provider.ClientAuthentication)] is { Length: > 0 } secret ? secret : null;

    private OpenIdConnectOptions Build(string tenantId, OpenIdProvider provider, string? secret, string scheme)
    {
        var options = new OpenIdConnectOptions
        {
            Authority = provider.Authority,
            ClientId = provider.ClientId,
            ClientSecret = provider.ClientAuthentication == ClientAuthentication.ClientSecret ? secret : null,
            ResponseType = OpenIdConnectResponseType.Code,
            UsePkce = true,
            // The answer comes back as a top-level GET, so the SameSite=Lax cookies below come with it (a form post from the
            // provider's site would not carry them).
            ResponseMode = OpenIdConnectResponseMode.Query,
            CallbackPath = SingleSignOnServices.CallbackPath(provider.Id),
            // tenant.json allows http only for a provider on this machine (a test or development provider).
            RequireHttpsMetadata = new Uri(provider.Authority).Scheme == Uri.UriSchemeHttps,
            MapInboundClaims = false,
            GetClaimsFromUserInfoEndpoint = provider.ClaimsFromUserInfo,
            // Never used: the callback endpoint signs the member in itself (SingleSignOnPages).
            SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme,
            RemoteAuthenticationTimeout = SingleSignOnServices.StateLifetime,
            TimeProvider = clock,
            Events = SingleSignOnEvents.Instance,
            // A state made for one tenant's provider cannot be read by another's: the protector's purposes name both.
            StateDataFormat = new PropertiesDataFormat(dataProtection.CreateProtector("Engine.SingleSignOn.State", tenantId, provider.Id)),
        };
        options.Scope.Clear();
        options.Scope.Add("openid");
        foreach (var scope in provider.Scopes.Where(s => s != "openid")) options.Scope.Add(scope);
        // Over plain http (a provider on this machine) browsers refuse SameSite=None cookies, and the answer is a GET anyway.
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        foreach (var post in postConfigures) post.PostConfigure(scheme, options);
        options.Validate(scheme);
        return options;
    }
}
