using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Engine.Core.Members;

namespace Engine.Web.Accounts.TwoFactor;

public static class TwoFactorServices
{
    /// <summary>Identity's authenticator token provider, the sign-in step's cookie, and the staff requirement on the team's policies.</summary>
    public static IServiceCollection AddTwoFactor(this IServiceCollection services)
    {
        new IdentityBuilder(typeof(Member), services).AddTokenProvider<AuthenticatorTokenProvider<Member>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<TwoFactorService>();
        services.AddSingleton<AuthenticatorCodes>();
        new AuthenticationBuilder(services).AddTwoFactorSignIn();
        services.AddSingleton<IAuthorizationHandler, StaffTwoFactor>();
        services.PostConfigure<AuthorizationOptions>(StaffTwoFactor.Require);
        return services;
    }
}
