using System.Globalization;
using System.Security.Claims;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Engine.Web.SingleSignOn;

/// <summary>What came back from the provider: the person's claims, or why the sign-in failed. The callback endpoint acts on it.</summary>
/// <param name="ReturnUrl">Where the person was going when they started: the framework moves it out of the properties.</param>
public sealed record SignInAnswer(ClaimsPrincipal? Principal, string? ReturnUrl, Exception? Failure);

/// <summary>Refused by the engine itself (not by the framework's checks), with words for the person.</summary>
public sealed class SignInRefused(Engine.Core.Common.Error error) : Exception(error.Message)
{
    public Engine.Core.Common.Error Error => error;
}

/// <summary>The handler's events, the same for every tenant: they read the tenant and provider from the request.</summary>
public sealed class SingleSignOnEvents : OpenIdConnectEvents
{
    public static readonly SingleSignOnEvents Instance = new();
    private const string StartedAt = "engine.started";
    internal static readonly object AnswerKey = new();

    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        context.Properties.Items[StartedAt] = context.Options.TimeProvider!.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public override async Task AuthorizationCodeReceived(AuthorizationCodeReceivedContext context)
    {
        var now = context.Options.TimeProvider!.GetUtcNow();
        // The state is readable for as long as the data protection keys last; a sign-in that old is refused here.
        if (context.Properties?.Items.TryGetValue(StartedAt, out var started) != true
            || !DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            || now - at > SingleSignOnServices.StateLifetime || at > now)
        {
            var minutes = (int)SingleSignOnServices.StateLifetime.TotalMinutes;
            context.Fail(new SignInRefused(Engine.Core.Common.Error.Forbidden(
                $"This sign-in was started more than {minutes} minutes ago. Start again from the sign-in page.").Keyed("error.sign-in.too-old", minutes)));
            return;
        }
        var provider = SingleSignOnServices.ProviderOf(context.HttpContext)!;
        if (provider.ClientAuthentication == ClientAuthentication.PrivateKeyJwt && context.TokenEndpointRequest is { } request)
        {
            var key = context.HttpContext.RequestServices.GetRequiredService<TenantOpenIdConnectOptions>().Secret(context.HttpContext.Tenant().Id, provider)!;
            request.ClientSecret = null;
            request.ClientAssertionType = ClientAssertion.Type;
            // The discovery document the handler has just used, from the cache.
            var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
            request.ClientAssertion = ClientAssertion.Make(provider.ClientId, configuration.TokenEndpoint, key, now);
        }
    }

    public override Task TicketReceived(TicketReceivedContext context)
    {
        context.HttpContext.Items[AnswerKey] = new SignInAnswer(context.Principal, context.ReturnUri, null);
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        context.HttpContext.Items[AnswerKey] = new SignInAnswer(null, null, context.Failure);
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
