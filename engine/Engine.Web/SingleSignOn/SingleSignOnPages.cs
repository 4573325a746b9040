using Engine.Core.Common;
using Engine.Core.Tenancy;
using Engine.Web.Languages;
using Engine.Web.Site;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Engine.Web.SingleSignOn;

/// <summary>
/// <c>/account/external/{provider}</c> sends the person to the provider; <c>/account/external/{provider}/callback</c> is where the
/// provider sends them back: on the same tenant's host, so a state started on one tenant is never read by another.
/// </summary>
public static class SingleSignOnPages
{
    public static void MapSingleSignOnPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(SingleSignOnServices.StartPath("{provider}"), Start).RequireRateLimiting(Hosting.RateLimits.Accounts);
        app.MapGet(SingleSignOnServices.CallbackPath("{provider}"), Callback).RequireRateLimiting(Hosting.RateLimits.Accounts);
    }

    private static IResult Start([AsParameters] SitePage page, string provider, string? returnUrl, TenantOpenIdConnectOptions options, ILogger<SignInAnswer> log)
    {
        if (page.Tenant.SignIn.Provider(provider) is not { } chosen) return page.NotFound();
        if (options.Secret(page.Tenant.Id, chosen) is null)
        {
            log.LogError("Sign-in with {Provider} on {Tenant} is not set up: set {Key} in configuration or the environment.",
                chosen.Id, page.Tenant.Id, OpenIdProvider.SecretKey(page.Tenant.Id, chosen.Id, chosen.ClientAuthentication));
            return page.Message(503, page.Words("page.sign-in-unready"), EngineWords.Text(page.Culture, "page.sign-in-unready-text", chosen.Label));
        }
        return Results.Challenge(new AuthenticationProperties { RedirectUri = page.LocalUrl(returnUrl) }, [SingleSignOnServices.Scheme]);
    }

    private static async Task<IResult> Callback([AsParameters] SitePage page, string provider, IAuthenticationHandlerProvider handlers, ExternalSignIn signIn,
        ILogger<SignInAnswer> log)
    {
        if (page.Tenant.SignIn.Provider(provider) is not { } chosen) return page.NotFound();
        if (await handlers.GetHandlerAsync(page.Context, SingleSignOnServices.Scheme) is not IAuthenticationRequestHandler handler
            || !await handler.HandleRequestAsync())
            return page.NotFound();
        if (page.Context.Items[SingleSignOnEvents.AnswerKey] is not SignInAnswer answer) return Results.Empty;
        if (answer.Failure is { } failure)
        {
            log.LogWarning(failure, "Sign-in with {Provider} on {Tenant} refused", chosen.Id, page.Tenant.Id);
            return Refused(page, Explain(failure, chosen));
        }
        var outcome = await signIn.MemberForAsync(page.Context, chosen, answer.Principal!);
        if (!outcome.Succeeded) return Refused(page, outcome.Error!);
        // A member who uses two factors still gives their code: the provider proved the first factor only.
        return Results.Redirect(await Accounts.TwoFactor.TwoFactorSignIn.SignInAsync(page.Context, outcome.Value!, chosen.Label, page.LocalUrl(answer.ReturnUrl)));
    }

    private static ThemedPage Refused(SitePage page, Error why) => page.Message(403, page.Words("page.sign-in-refused"), ErrorWords.Text(page.Culture, why));

    /// <summary>What went wrong, in words for the person (keyed, so worded in their language); the log has the details.</summary>
    public static Error Explain(Exception failure, OpenIdProvider provider) => failure switch
    {
        SignInRefused refused => refused.Error,
        SecurityTokenInvalidIssuerException =>
            Why($"The answer did not come from {provider.Label}: its identity token was issued by someone this site does not trust (the wrong issuer).", "error.sign-in.wrong-issuer", provider),
        SecurityTokenInvalidAudienceException =>
            Why($"The identity token {provider.Label} sent back was made for another service, not this site (the wrong audience).", "error.sign-in.wrong-audience", provider),
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException or SecurityTokenMalformedException =>
            Why($"The identity token's signature does not match its contents: it has been changed since {provider.Label} signed it.", "error.sign-in.bad-signature", provider),
        SecurityTokenExpiredException or SecurityTokenNotYetValidException =>
            Why($"The identity token from {provider.Label} has expired (or the clocks disagree). Start again from the sign-in page.", "error.sign-in.token-expired", provider),
        OpenIdConnectProtocolException when failure.Message.Contains("access_denied", StringComparison.Ordinal) =>
            Why($"{provider.Label} did not sign you in. Start again from the sign-in page if you meant to.", "error.sign-in.denied", provider),
        OpenIdConnectProtocolException =>
            Why($"{provider.Label} would not complete the sign-in for this site: its set-up may be wrong. Its administrators can see why in the log.", "error.sign-in.provider-failed", provider),
        _ => Error.Forbidden("This sign-in has expired, has been used already, or was started on another site. Start again from the sign-in page.").Keyed("error.sign-in.stale"),
    };

    private static Error Why(string english, string key, OpenIdProvider provider) => Error.Forbidden(english).Keyed(key, provider.Label);
}
