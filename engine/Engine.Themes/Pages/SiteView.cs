namespace Engine.Themes.Pages;

/// <summary>The site: its brand and the switches that decide which buttons a page offers.</summary>
/// <param name="Lang">Two-letter language the page is in (the site's locale, or the one the person chose), for &lt;html lang&gt;.</param>
/// <param name="BasePath">The site's path prefix ("" when it has none): put it before every path on the site.</param>
/// <param name="LogoUrl">Null when the site has no logo.</param>
/// <param name="ThemeUrl">Where the theme's assets are served, at an address that changes with them: <c>{ThemeUrl}/base.css</c>.</param>
/// <param name="StyleUrl">The site's colours as a style sheet.</param>
/// <param name="AnonymousPosting">Members may post ideas and comments anonymously (on a challenge's pages, that challenge's switch).</param>
/// <param name="DownVotes">Offer a thumbs-down: switched on, and the voting rule takes one.</param>
public sealed record SiteView(string Id, string Name, string? Tagline, string Lang, string BasePath, string? LogoUrl, string ThemeUrl,
    string StyleUrl, bool AnonymousPosting, bool DownVotes)
{
    /// <summary>The direction of the page's language, for &lt;html dir&gt;: "ltr", or "rtl" (Urdu, Arabic).</summary>
    public string Dir { get; init; } = "ltr";

    /// <summary>Where nhsuk-frontend's built files are served, at an address that changes with them: <c>{NhsukUrl}/nhsuk-frontend.min.css</c>.</summary>
    public string NhsukUrl { get; init; } = "/frontend/nhsuk";

    /// <summary>The page in each language the site offers (empty when it offers one): the language switch and hreflang alternates.</summary>
    public IReadOnlyList<LanguageLink> Languages { get; init; } = NoLanguages;

    /// <summary>The site has password accounts: off, people sign in only through its providers, so no page offers "Register".</summary>
    public bool Passwords { get; init; } = true;

    // A list, not an empty array: Scriban reads no .size of an array.
    private static readonly IReadOnlyList<LanguageLink> NoLanguages = new List<LanguageLink>().AsReadOnly();
}
