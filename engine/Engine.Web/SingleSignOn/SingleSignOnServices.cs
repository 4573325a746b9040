using System.Text.Encodings.Web;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Engine.Web.SingleSignOn;

/// <summary>
/// Sign-in with the accounts people already have: one OpenID Connect scheme whose options are the request's tenant's provider
/// (<see cref="TenantOpenIdConnectOptions"/>), run only by the sign-in endpoints (<see cref="SingleSignOnPages"/>).
/// </summary>
public static class SingleSignOnServices
{
    public const string Scheme = "OpenIdConnect";
    /// <summary>How long a person has between leaving for the provider and coming back (the state and its cookies last as long).</summary>
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    public static string StartPath(string providerId) => $"/account/external/{providerId}";
    public static string CallbackPath(string providerId) => $"/account/external/{providerId}/callback";

    /// <summary>The provider named by the sign-in address's <c>{provider}</c>, among the request's tenant's; null if it has none such.</summary>
    public static OpenIdProvider? ProviderOf(HttpContext context) =>
        context.GetRouteValue("provider") is string id ? context.Tenant().SignIn.Provider(id) : null;

    public static AuthenticationBuilder AddSingleSignOn(this AuthenticationBuilder authentication)
    {
        var services = authentication.Services;
        services.AddSingleton<TenantOpenIdConnectOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddSingleton<IAuthenticationSchemeProvider, SchemesWithoutSingleSignOn>();
        services.AddScoped<ExternalSignIn>();
        return authentication.AddRemoteScheme<OpenIdConnectOptions, TenantOpenIdConnectHandler>(Scheme, "OpenID Connect", null);
    }

    /// <summary>The framework's handler, given the tenant's options instead of the scheme's.</summary>
    private sealed class TenantOpenIdConnectHandler(TenantOpenIdConnectOptions options, ILoggerFactory logger, HtmlEncoder htmlEncoder, UrlEncoder encoder)
        : OpenIdConnectHandler(options, logger, htmlEncoder, encoder);

    /// <summary>
    /// The framework would offer every request to the OpenID Connect handler, to see whether it is a callback; only the callback
    /// endpoint does (it knows the provider), so every other page costs nothing, on every tenant, with providers or not.
    /// </summary>
    private sealed class SchemesWithoutSingleSignOn(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
    {
        private (IEnumerable<AuthenticationScheme> From, AuthenticationScheme[] Kept)? _kept;

        public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
        {
            var all = await base.GetRequestHandlerSchemesAsync();
            if (_kept is { } kept && ReferenceEquals(kept.From, all)) return kept.Kept;
            var filtered = all.Where(s => s.Name != Scheme).ToArray();
            _kept = (all, filtered);
            return filtered;
        }
    }
}
