using Engine.Core.Common;
using Engine.Core.Tenancy;
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
            return page.Message(503, "This sign-in is not working yet", $"{chosen.Label} has not been fully set up on this site. Its administrators can see why in the log.");
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
        if (!outcome.Succeeded) return Refused(page, outcome.Error!.Message);
        // A member who uses two factors still gives their code: the provider proved the first factor only.
        return Results.Redirect(await Accounts.TwoFactor.TwoFactorSignIn.SignInAsync(page.Context, outcome.Value!, chosen.Label, page.LocalUrl(answer.ReturnUrl)));
    }

    private static ThemedPage Refused(SitePage page, string why) => page.Message(403, "Sign-in refused", why);

    /// <summary>What went wrong, in words for the person; the log has the details.</summary>
    public static string Explain(Exception failure, OpenIdProvider provider) => failure switch
    {
        SignInRefused refused => refused.Message,
        SecurityTokenInvalidIssuerException =>
            $"The answer did not come from {provider.Label}: its identity token was issued by someone this site does not trust (the wrong issuer).",
        SecurityTokenInvalidAudienceException =>
            $"The identity token {provider.Label} sent back was made for another service, not this site (the wrong audience).",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException or SecurityTokenMalformedException =>
            $"The identity token's signature does not match its contents: it has been changed since {provider.Label} signed it.",
        SecurityTokenExpiredException or SecurityTokenNotYetValidException =>
            $"The identity token from {provider.Label} has expired (or the clocks disagree). Start again from the sign-in page.",
        OpenIdConnectProtocolException when failure.Message.Contains("access_denied", StringComparison.Ordinal) =>
            $"{provider.Label} did not sign you in. Start again from the sign-in page if you meant to.",
        OpenIdConnectProtocolException =>
            $"{provider.Label} would not complete the sign-in for this site: its set-up may be wrong. Its administrators can see why in the log.",
        _ => "This sign-in has expired, has been used already, or was started on another site. Start again from the sign-in page.",
    };
}
