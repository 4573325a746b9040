using System.Globalization;
using System.Security.Claims;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Themes;
using Engine.Themes.Pages;
using Engine.Web.Languages;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Antiforgery;

namespace Engine.Web.Site;

/// <summary>
/// The page context of every site endpoint, taken as <c>[AsParameters] SitePage page</c>: the request and what
/// every page's frame needs (the site's rules, the anti-forgery tokens), so no endpoint looks a service up.
/// It builds the frame each page's layout needs (the site's brand and switches, who is signed in, and, only
/// when the page has forms, the anti-forgery token), and the site's plain message pages.
/// </summary>
public sealed record SitePage(HttpContext Context, IRuleResolver Rules, IAntiforgery Antiforgery, AssetUrls Assets)
{
    /// <summary>For middleware and filters, which have the request but no endpoint parameters.</summary>
    public static SitePage Of(HttpContext context) => new(context,
        context.RequestServices.GetRequiredService<IRuleResolver>(), context.RequestServices.GetRequiredService<IAntiforgery>(),
        context.RequestServices.GetRequiredService<AssetUrls>());

    public TenantDefinition Tenant => Context.Tenant();
    public string BasePath => Context.Request.PathBase.Value ?? "";
    /// <summary>The language the page is in: the site's, or the one the person chose among the site's (see <see cref="Languages.LanguageChoice"/>).</summary>
    public CultureInfo Culture => LanguageChoice.Of(Context);
    public CancellationToken Aborted => Context.RequestAborted;

    /// <summary>The engine's words for <paramref name="key"/> in the page's language (<see cref="EngineWords"/>): titles, labels.</summary>
    public string Words(string key) => EngineWords.Text(Culture, key);

    /// <summary>The engine's words for a count, in its plural form ("3 ideas found").</summary>
    public string Words(string key, int count) => EngineWords.Text(Culture, key, count);

    /// <summary>The engine's words with a text put in ("Search: {0}").</summary>
    public string Words(string key, string value) => EngineWords.Text(Culture, key, [value]);

    /// <param name="challengeSlug">On a challenge's pages, its own switches (thumbs-down, anonymous posting) apply.</param>
    /// <param name="error">Why a form on the page was refused.</param>
    public PageFrame Frame(string title, bool hasForms = false, string? challengeSlug = null, ErrorView? error = null)
    {
        var shared = SharedFrame(title, challengeSlug, error);
        return hasForms || Context.User.Identity?.IsAuthenticated == true ? Personal(shared, hasForms) : shared;
    }

    /// <summary>
    /// The frame as a visitor has it: the same for every member, so a member's page can be written once for all of them
    /// (see <see cref="PageShell"/>) and <see cref="Personal"/> gives each their own.
    /// </summary>
    public PageFrame SharedFrame(string title, string? challengeSlug = null, ErrorView? error = null)
    {
        var tenant = Tenant;
        var rules = Rules.For(tenant, challengeSlug);
        var features = rules.Features;
        var basePath = BasePath;
        var settings = tenant.ThemeSettings;
        var site = new SiteView(
            Id: tenant.Id,
            Name: tenant.Name,
            Tagline: Views.Text(settings.Tagline),
            Lang: Culture.TwoLetterISOLanguageName,
            BasePath: basePath,
            LogoUrl: settings.UploadedLogo is { } uploaded ? $"{basePath}/brand/{uploaded}"
                : settings.Logo is { } logo ? $"{basePath}/media/{logo["assets/".Length..]}" : null,
            ThemeUrl: Assets.ThemeUrl(basePath, tenant),
            // The colours are in the address, so a change shows at once despite site.css being cached.
            StyleUrl: $"{basePath}/site.css?v={settings.PrimaryColour.TrimStart('#')}{settings.AccentColour.TrimStart('#')}",
            AnonymousPosting: features.AnonymousPosting,
            // Switched on, and the voting rule takes them: no page offers a button that can only be refused.
            DownVotes: features.DownVotes && TakesDownVotes(rules.Voting))
        {
            Dir = Culture.TextInfo.IsRightToLeft ? "rtl" : "ltr",
            NhsukUrl = Assets.NhsukUrl,
            Languages = LanguageChoice.Links(Context, Culture),
            Passwords = tenant.SignIn.Passwords,
        };
        var returnUrl = basePath + Context.Request.Path + Context.Request.QueryString;
        // Whether someone is signed in is the same for every member: a members' shell may say so.
        return new PageFrame(title, site, null, null, returnUrl, Uri.EscapeDataString(returnUrl), error)
        {
            SignedIn = Context.User.Identity?.IsAuthenticated == true,
        };
    }

    /// <summary>The signed-in member's own frame (who they are, their anti-forgery token), or a visitor's on a page with forms.</summary>
    public PageFrame Personal(PageFrame shared, bool hasForms = false)
    {
        var user = Context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        var member = signedIn ? new UserView(
            DisplayName: user.FindFirstValue(ClaimTypes.Name),
            Role: user.FindFirstValue(ClaimTypes.Role),
            // The team answers contributions: they may mark a comment as the official response.
            IsTeam: Core.Members.Roles.Team.Contains(user.FindFirstValue(ClaimTypes.Role) ?? "")) : null;
        // Visitors' pages carry no token (and so can be cached); a signed-in member's pages and the account forms do.
        AntiforgeryView? antiforgery = null;
        if (signedIn || hasForms)
        {
            var tokens = Antiforgery.GetAndStoreTokens(Context);
            antiforgery = new AntiforgeryView(tokens.FormFieldName, tokens.HeaderName, tokens.RequestToken);
        }
        return shared with { User = member, Antiforgery = antiforgery };
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Sdk.IVotingRule, object> DownVoteTakers = new();

    /// <summary>
    /// Whether the rule accepts a thumbs-down from a member with no votes yet (a budget rule, for one, takes
    /// single up-votes only), asked once per rule instance: the rules are built again whenever the site's
    /// settings or plugins change. A plugin rule that fails on the question refuses, as it would the vote.
    /// </summary>
    private static bool TakesDownVotes(Sdk.IVotingRule rule) =>
        (bool)DownVoteTakers.GetValue(rule, static r => r.Decide(new Sdk.VoteRequest(0, -1, DownVotesAllowed: true, Sdk.MemberVotes.None)) is Sdk.VoteDecision.Accept);

    public ThemedPage Message(int statusCode, string heading, string text) =>
        new("message", new MessagePage(Frame(heading), heading, text), statusCode);

    public ThemedPage NotFound() =>
        Message(StatusCodes.Status404NotFound, EngineWords.Text(Culture, "page.not-found"), EngineWords.Text(Culture, "page.not-found-text"));

    /// <summary>To the sign-in page, which brings the member back here afterwards.</summary>
    public IResult SignInFirst() =>
        Results.Redirect($"{Context.Request.PathBase}/account/signin?returnUrl={Uri.EscapeDataString(Context.Request.PathBase + Context.Request.Path)}");

    /// <summary>A return address that stays on this site, or the home page (see <see cref="ReturnAddress"/>).</summary>
    public string LocalUrl(string? url) => ReturnAddress.LocalOrHome(Context, url);
}
