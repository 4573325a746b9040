using Engine.Web.Accounts;
using Engine.Web.Pages.Admin;
using Microsoft.AspNetCore.Authorization;

namespace Engine.Web.Hosting;

/// <summary>
/// The tenant admin area: Razor Pages compiled at build time under /admin. Each page requires one
/// policy, the same grouping as the admin API: the team's pages (the dashboard, responses) for
/// champions and up, ideas and their status for community managers and up, theme suggestions for them and analysts, coding for analysts and admins, moderation for moderators and admins,
/// challenges, settings and the audit log for admins. A page not listed is for moderators and admins,
/// so a new page is never opened wider by accident. The pages check nothing themselves that this
/// already enforces, except where one page mixes roles (members: blocking is for moderators, roles for admins).
/// </summary>
internal static class AdminPagesServices
{
    /// <summary>Pages open to more (or fewer) roles than moderators and admins, by their path under Pages.</summary>
    public static readonly IReadOnlyDictionary<string, string> PagePolicies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/Admin/Index"] = Policies.Team,
        ["/Admin/Responses"] = Policies.Team,
        ["/Admin/Numbers"] = Policies.Team,
        ["/Admin/Ideas"] = Policies.Manager,
        ["/Admin/Theming"] = Policies.Manager,
        ["/Admin/Suggestions"] = Policies.Suggester,
        ["/Admin/IdeaStatus"] = Policies.Manager,
        ["/Admin/Challenges"] = Policies.Admin,
        ["/Admin/ChallengeEdit"] = Policies.Admin,
        ["/Admin/Settings"] = Policies.Admin,
        ["/Admin/Audit"] = Policies.Admin,
        ["/Admin/News"] = Policies.Admin,
        ["/Admin/NewsEdit"] = Policies.Admin,
        ["/Admin/Rules"] = Policies.Admin,
        ["/Admin/Branding"] = Policies.Admin,
        ["/Admin/ChallengeSettings"] = Policies.Admin,
        ["/Admin/ChallengeIdeaForm"] = Policies.Admin,
        ["/Admin/Updates"] = Policies.Admin,
        ["/Admin/Import"] = Policies.Admin,
        ["/Admin/Exports"] = Policies.Admin,
        ["/Admin/Webhooks"] = Policies.Admin,
        ["/Admin/Coding"] = Policies.Coder,
        ["/Admin/CodingAgreement"] = Policies.Coder,
        ["/Admin/CodeFrame"] = Policies.Admin,
        ["/Admin/Groups"] = Policies.Admin,
    };

    public static IServiceCollection AddAdminPages(this IServiceCollection services)
    {
        services.AddRazorPages(o => o.Conventions.AddFolderApplicationModelConvention("/Admin", page =>
            page.EndpointMetadata.Add(new AuthorizeAttribute(PagePolicies.GetValueOrDefault(page.ViewEnginePath, Policies.Moderator)))));
        // A signed-in member without the role gets a 403 page rather than the cookie handler's redirect
        // to an access-denied path that does not exist; everything else keeps the default behaviour.
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AdminAuthorizationResults>();
        return services;
    }
}
