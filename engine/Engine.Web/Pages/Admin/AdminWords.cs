using System.Globalization;
using Engine.Core.Common;
using Engine.Themes.Languages;
using Engine.Web.Languages;
using Engine.Web.SystemAdmin;
using Engine.Web.Tenancy;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// The admin pages' words, in the language the site's public pages are in for this person (<see cref="LanguageChoice"/>):
/// keys "admin.*" of the engine's own catalogues (<see cref="EngineWords"/>), written in <c>Pages/Admin/locales/&lt;culture&gt;.json</c>
/// so they sit beside the pages that ask for them, with the same fall-back to English and the same plural forms.
/// In a view: <c>@Context.Words("admin.nav.ideas")</c>, <c>@Context.Words("admin.index.held", Model.Held)</c> for a count.
/// </summary>
public static class AdminWords
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// The admin page's language: the page's language where the admin catalogues word it (Welsh, the pseudo-locale),
    /// else English, so <c>&lt;html lang&gt;</c> names the language the words are in (Urdu's public pages have no admin words yet).
    /// The system site's pages (the deployment operator's) are in English only.
    /// </summary>
    public static CultureInfo Culture(this HttpContext context)
    {
        if (SystemSite.Is(context.Tenant())) return English;
        var culture = LanguageChoice.Of(context);
        return EngineWords.Catalogues.Find(culture.Name, Probe, fallBack: false) is null ? English : culture;
    }

    /// <summary>The one key every admin catalogue has: a language with it has the admin pages' words.</summary>
    private const string Probe = "admin.layout.admin";

    /// <summary>"cy", "en", "qps": for <c>&lt;html lang&gt;</c>.</summary>
    public static string Lang(this HttpContext context) => PluralRules.Language(context.Culture().Name);

    public static string Words(this HttpContext context, string key) => EngineWords.Text(context.Culture(), key);

    /// <summary>The text for a count, in the plural form the page's language takes for it (Welsh has six).</summary>
    public static string Words(this HttpContext context, string key, int count) => EngineWords.Text(context.Culture(), key, count);

    public static string Words(this HttpContext context, string key, params object?[] values) => EngineWords.Text(context.Culture(), key, values);

    /// <summary>An idea's status as the public pages word it, in the page's language.</summary>
    public static string Words(this HttpContext context, Engine.Core.Ideas.IdeaStatus status) =>
        EngineWords.Text(context.Culture(), "status." + Engine.Core.Ideas.IdeaStatuses.Key(status));

    /// <summary>A role's name ("Community manager"), in the page's language; a role the engine does not know, as it is.</summary>
    public static string Role(this HttpContext context, string role) =>
        Engine.Core.Members.Roles.All.Contains(role) ? EngineWords.Text(context.Culture(), "admin.roles." + role) : role;

    /// <summary>A moment as admins read it, in the page's language and UTC (the audit log's own clock).</summary>
    public static string When(this HttpContext context, DateTimeOffset at) => AdminPageModel.When(at, context.Culture());

    /// <summary>A refusal in the page's language, its field named as the page's label reads.</summary>
    public static string Words(this HttpContext context, Error error) => ErrorWords.Text(context.Culture(), error);
}
