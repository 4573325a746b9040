using Engine.Core.Members;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts.Passkeys;

public static class PasskeyServices
{
    /// <summary>
    /// Identity's passkey handler over our member store. Passkeys are made discoverable (the browser offers them without an
    /// address being typed first); the relying party id is left to Identity, which takes the request's host: each site's own.
    /// </summary>
    public static IServiceCollection AddPasskeys(this IServiceCollection services)
    {
        services.Configure<IdentityPasskeyOptions>(o => o.ResidentKeyRequirement = "required");
        services.AddScoped<IPasskeyHandler<Member>, PasskeyHandler<Member>>();
        services.AddSingleton<PasskeyCeremonies>();
        return services;
    }
}
