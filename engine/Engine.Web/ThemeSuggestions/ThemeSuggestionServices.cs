using Engine.Core.BigIdeas.Suggestions;
using Engine.Web.ThemeSuggestions;

// In the engine's root namespace, so the host's composition (Hosting) finds this without a using of its own.
namespace Engine.Web;

public static class ThemeSuggestionServices
{
    /// <summary>Theme suggestions from the text: the use case, and the background queue that runs it.</summary>
    public static IServiceCollection AddThemeSuggestions(this IServiceCollection services)
    {
        services.AddSingleton<SuggestThemes>();
        services.AddSingleton<ThemeSuggestionRuns>();
        services.AddHostedService(sp => sp.GetRequiredService<ThemeSuggestionRuns>());
        return services;
    }
}
