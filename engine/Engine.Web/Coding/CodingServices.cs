using Engine.Core.Coding;
using Engine.Core.Members;
using Engine.Data.Stores;
using Engine.Web.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Engine.Web;

/// <summary>
/// Coding while a challenge is open (issue 21): analysts apply codes from the site's code frame to ideas and comments on
/// /admin/coding; admins keep the frame on /admin/coding/frame (or in tenant.json's "coding"); two analysts' agreement is
/// on /admin/coding/agreement; code counts per week are on /admin/numbers and in the exports; on a site that makes them public, an idea's codes
/// are on its page and in its API JSON.
/// </summary>
public static class CodingServices
{
    public static IServiceCollection AddCoding(this IServiceCollection services)
    {
        services.AddSingleton<ICodingStore, CodingStore>();
        services.AddSingleton<CodeFrames>();
        services.AddSingleton<CodeContribution>();
        services.AddSingleton<ChangeCodeFrame>();
        services.AddSingleton<Coding.PublicCodes>();
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(Policies.Coder, p => p.RequireRole(Roles.Coders)));
        return services;
    }
}
