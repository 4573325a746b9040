using Engine.Core.BigIdeas.Suggestions;
using Engine.Core.Members;
using Engine.Web.Accounts;
using Engine.Web.ThemeSuggestions;
using Microsoft.AspNetCore.Authorization;

// In the engine's root namespace, so the host's composition (Hosting) finds this without a using of its own.
namespace Engine.Web;

public static class ThemeSuggestionServices
{
    /// <summary>Theme suggestions from the text: the use case, the background queue that runs it, and who may use them.</summary>
    public static IServiceCollection AddThemeSuggestions(this IServiceCollection services)
    {
        services.AddSingleton<SuggestThemes>();
        services.AddSingleton<ThemeSuggestionRuns>();
        services.AddHostedService(sp => sp.GetRequiredService<ThemeSuggestionRuns>());
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(Policies.Suggester, p => p.RequireRole(Roles.Suggesters)));
        return services;
    }
}
