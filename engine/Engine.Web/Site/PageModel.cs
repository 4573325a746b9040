using System.Globalization;
using System.Security.Claims;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Antiforgery;

namespace Engine.Web.Site;

/// <summary>
/// What every page's layout needs: the site's brand and switches, who is signed in, and (only when
/// the page has forms) the anti-forgery token. Keys are camelCase, as theme authors write them.
/// </summary>
public static class PageModel
{
    /// <param name="challengeSlug">On a challenge's pages, its own switches (thumbs-down, anonymous posting) apply.</param>
    public static Dictionary<string, object?> For(HttpContext context, string title, bool hasForms = false, string? challengeSlug = null)
    {
        var tenant = context.Tenant();
        var rules = context.RequestServices.GetRequiredService<Core.Rules.IRuleResolver>().For(tenant, challengeSlug);
        var features = rules.Features;
        var basePath = context.Request.PathBase.Value ?? "";
        var settings = tenant.ThemeSettings;
        var user = context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        var model = new Dictionary<string, object?>
        {
            ["title"] = title,
            ["site"] = new
            {
                id = tenant.Id,
                name = tenant.Name,
                tagline = settings.Tagline,
                lang = CultureInfo.GetCultureInfo(tenant.Locale).TwoLetterISOLanguageName,
                basePath,
                logoUrl = settings.UploadedLogo is { } uploaded ? $"{basePath}/brand/{uploaded}"
                    : settings.Logo is { } logo ? $"{basePath}/media/{logo["assets/".Length..]}" : null,
                themeUrl = $"{basePath}/theme",
                // The colours are in the address, so a change shows at once despite site.css being cached.
                styleUrl = $"{basePath}/site.css?v={settings.PrimaryColour.TrimStart('#')}{settings.AccentColour.TrimStart('#')}",
                anonymousPosting = features.AnonymousPosting,
                // Switched on, and the voting rule takes them: no page offers a button that can only be refused.
                downVotes = features.DownVotes && TakesDownVotes(rules.Voting),
            },
            ["user"] = signedIn ? new
            {
                displayName = user.FindFirstValue(ClaimTypes.Name),
                role = user.FindFirstValue(ClaimTypes.Role),
                // The team answers contributions: they may mark a comment as the official response.
                isTeam = Core.Members.Roles.Team.Contains(user.FindFirstValue(ClaimTypes.Role) ?? ""),
            } : null,
            ["returnUrl"] = basePath + context.Request.Path + context.Request.QueryString,
            ["returnUrlParam"] = Uri.EscapeDataString(basePath + context.Request.Path + context.Request.QueryString),
        };
        // Visitors' pages carry no token (and so can be cached); a signed-in member's pages and the account forms do.
        if (signedIn || hasForms)
        {
            var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
            model["antiforgery"] = new { fieldName = tokens.FormFieldName, headerName = tokens.HeaderName, token = tokens.RequestToken };
        }
        return model;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Sdk.IVotingRule, object> DownVoteTakers = new();

    /// <summary>
    /// Whether the rule accepts a thumbs-down from a member with no votes yet (a budget rule, for one, takes
    /// single up-votes only), asked once per rule instance: the rules are built again whenever the site's
    /// settings or plugins change. A plugin rule that fails on the question refuses, as it would the vote.
    /// </summary>
    private static bool TakesDownVotes(Sdk.IVotingRule rule) =>
        (bool)DownVoteTakers.GetValue(rule, static r => r.Decide(new Sdk.VoteRequest(0, -1, DownVotesAllowed: true, Sdk.MemberVotes.None)) is Sdk.VoteDecision.Accept);

    public static ThemedPage Message(HttpContext context, int statusCode, string heading, string text)
    {
        var model = For(context, heading);
        model["heading"] = heading;
        model["text"] = text;
        return new ThemedPage("message", model, statusCode);
    }

    public static ThemedPage NotFound(HttpContext context) =>
        Message(context, StatusCodes.Status404NotFound, "Page not found", "If you typed the web address, check it is correct.");

    /// <summary>A return address that stays on this site, or the home page (see <see cref="ReturnAddress"/>).</summary>
    public static string LocalUrl(HttpContext context, string? url) => ReturnAddress.LocalOrHome(context, url);
}
