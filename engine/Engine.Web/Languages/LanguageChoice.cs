using System.Globalization;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Web.Accounts;
using Engine.Themes.Languages;
using Engine.Themes.Pages;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.WebUtilities;

namespace Engine.Web.Languages;

/// <summary>
/// Which of the site's languages a request is served in: the one a link asked for (<c>?lang=cy</c>, the language
/// switch and the <c>hreflang</c> alternates), else the one a signed-in member chose (kept on the account), else the
/// one chosen before on this browser (a cookie), else the first of the browser's <c>Accept-Language</c> the site
/// offers, else the site's own <c>locale</c>. Asking by link is remembered in the cookie, and on a member's account
/// (<see cref="UseLanguageChoice"/>), so the choice holds on the next page and the member's other devices.
/// </summary>
public static class LanguageChoice
{
    public const string Parameter = "lang";
    public const string Cookie = "lang";
    private static readonly object ItemKey = new();
    private static readonly object MemberKey = new();

    /// <summary>
    /// The site's languages: its <c>locale</c> (the default) first, then tenant.json's <c>languages</c>, one culture per language.
    /// Worked out once per tenant definition (a changed tenant is a new one): every page asks, cached or not.
    /// </summary>
    public static IReadOnlyList<CultureInfo> Offered(TenantDefinition tenant) =>
        OfferedBy.GetValue(tenant, static t => new[] { t.Locale }.Concat(t.Languages).Select(c => CultureInfo.GetCultureInfo(c))
            .DistinctBy(c => c.TwoLetterISOLanguageName).ToList());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TenantDefinition, IReadOnlyList<CultureInfo>> OfferedBy = new();

    public static CultureInfo Of(HttpContext context)
    {
        var offered = Offered(context.Tenant());
        // A site in one language has nothing to choose or remember (every kept page asks). Only a request with a query or a
        // cookie can ask for the pseudo-locale, so a visitor's plain request never looks up the engine's options.
        if (offered.Count == 1 && (!context.Request.QueryString.HasValue && context.Request.Headers.Cookie.Count == 0 || !PseudoLocaleOn(context)))
            return offered[0];
        if (context.Items.TryGetValue(ItemKey, out var chosen)) return (CultureInfo)chosen!;
        var culture = Choose(context, offered);
        context.Items[ItemKey] = culture;
        return culture;
    }

    private static CultureInfo Choose(HttpContext context, IReadOnlyList<CultureInfo> offered)
    {
        var request = context.Request;
        var query = request.Query[Parameter].ToString();
        if (PseudoLocaleOn(context) && (Match(query, [PseudoLocale.Culture]) ?? (Match(query, offered) is null ? Match(request.Cookies[Cookie], [PseudoLocale.Culture]) : null)) is { } pseudo)
            return Remember(context, pseudo);
        if (offered.Count == 1) return offered[0];
        if (Match(query, offered) is { } asked) return Remember(context, asked);
        if (Match(context.Items[MemberKey] as string, offered) is { } members) return members;
        if (Match(request.Cookies[Cookie], offered) is { } remembered) return remembered;
        return FirstAccepted(request, offered) ?? offered[0];
    }

    private static CultureInfo? FirstAccepted(HttpRequest request, IReadOnlyList<CultureInfo> offered)
    {
        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is not 0)
            .OrderByDescending(l => l.Quality ?? 1);
        foreach (var language in accepted)
            if (Match(language.Value.Value, offered) is { } match) return match;
        return null;
    }

    /// <summary>
    /// The language a program asked the JSON API for: <c>?lang=</c>, else the first of its <c>Accept-Language</c> the site
    /// offers, else English. Never the site's own language, a cookie or a member's choice: programs and logs expect the
    /// same text whatever site they call, until they ask otherwise.
    /// </summary>
    public static CultureInfo AskedByProgram(HttpContext context)
    {
        // The system host's API (the operator's) has no tenant, and stays English.
        if (context.Features.Get<TenantDefinition>() is not { } tenant) return English;
        var offered = Offered(tenant);
        return Match(context.Request.Query[Parameter].ToString(), offered) ?? FirstAccepted(context.Request, offered) ?? English;
    }

    /// <summary>
    /// The language of a JSON API answer (a refusal's words). A member signed in by the site's cookie is a person on the
    /// site's pages, whose script shows the answer in place (a vote refused beside its button): they read the page's
    /// language (<see cref="Of"/>). Anyone else is a program (a token, or no sign-in): <see cref="AskedByProgram"/>.
    /// </summary>
    public static CultureInfo OfAnswer(HttpContext context) =>
        // The system host's operator is signed in by cookie too, but that host has no tenant and no language but English.
        context.Features.Get<TenantDefinition>() is not null
        && context.User.Identity is { IsAuthenticated: true, AuthenticationType: Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme }
            ? Of(context)
            : AskedByProgram(context);

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo(ThemeCatalogue.English);

    private static CultureInfo Remember(HttpContext context, CultureInfo asked)
    {
        var request = context.Request;
        if (request.Cookies[Cookie] != asked.Name)
            context.Response.Cookies.Append(Cookie, asked.Name, new CookieOptions
            {
                Path = request.PathBase.HasValue ? request.PathBase.Value : "/",
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                Secure = request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
            });
        return asked;
    }

    // Asked for by link or cookie only, never by Accept-Language, and kept off the account: a developer's or a test's choice.
    // GetService: a page rendered outside the engine's host (the bench's render measurements) has no engine options, and no pseudo-locale.
    private static bool PseudoLocaleOn(HttpContext context) =>
        context.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<Hosting.EngineOptions>>()?.Value.PseudoLocale == true;

    /// <summary>The language the signed-in member chose, as their sign-in was checked (<see cref="Accounts.MemberCheck"/>).</summary>
    public static void RememberMembers(HttpContext context, string? language) => context.Items[MemberKey] = language;

    /// <summary>Keeps a signed-in member's choice (<c>?lang=</c> on any page of the site) on their account.</summary>
    public static IApplicationBuilder UseLanguageChoice(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<TenantDefinition>() is { } tenant && context.User.MemberId() is { } memberId
            && Match(context.Request.Query[Parameter].ToString(), Offered(tenant)) is { } asked
            && !string.Equals(context.Items[MemberKey] as string, asked.Name, StringComparison.OrdinalIgnoreCase))
        {
            await context.RequestServices.GetRequiredService<IMemberStore>().SetLanguageAsync(tenant.Id, memberId, asked.Name, context.RequestAborted);
            RememberMembers(context, asked.Name);
        }
        await next();
    });

    /// <summary>The offered culture for "cy", "cy-GB" or "CY": the same language; null for none.</summary>
    private static CultureInfo? Match(string? code, IReadOnlyList<CultureInfo> offered)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 35) return null;
        var dash = code.IndexOf('-');
        var language = (dash < 0 ? code : code[..dash]).ToLowerInvariant();
        return offered.FirstOrDefault(c => c.TwoLetterISOLanguageName == language);
    }

    /// <summary>
    /// The site's languages as choices on a form (the language an idea is written in): <paramref name="chosen"/> selected if
    /// it is one of them, else the page's language; none on a site in one language, which has nothing to choose.
    /// </summary>
    public static IReadOnlyList<LanguageOption> Options(HttpContext context, string? chosen)
    {
        var links = Links(context, Of(context));
        // A List, not an empty array: Scriban reads no .size of an array.
        if (links.Count == 0) return new List<LanguageOption>();
        var selected = Match(chosen, Offered(context.Tenant()))?.TwoLetterISOLanguageName;
        return links.Select(l => new LanguageOption(l.Code, l.Name, selected is null ? l.Current : l.Code == selected)).ToList();
    }

    /// <summary>This page in each language the site offers, for the language switch and the <c>hreflang</c> alternates.</summary>
    public static IReadOnlyList<LanguageLink> Links(HttpContext context, CultureInfo current)
    {
        var offered = Offered(context.Tenant());
        if (offered.Count == 1) return [];
        var request = context.Request;
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query.Remove(Parameter);
        var page = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        return offered.Select(c =>
        {
            var withLanguage = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(query) { [Parameter] = c.TwoLetterISOLanguageName };
            var name = c.Parent.NativeName is { Length: > 0 } native && !c.Parent.Equals(CultureInfo.InvariantCulture) ? native : c.NativeName;
            return new LanguageLink(c.TwoLetterISOLanguageName, char.ToUpper(name[0], c) + name[1..], QueryHelpers.AddQueryString(page, withLanguage), c.TwoLetterISOLanguageName == current.TwoLetterISOLanguageName);
        }).ToList();
    }
}
