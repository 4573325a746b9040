namespace Engine.Themes.Pages;

/// <summary>What every page's layout needs: its title, the site, who is signed in, and where the page is.</summary>
/// <param name="User">Null for visitors.</param>
/// <param name="Antiforgery">Null on visitors' pages without forms, which carry no token (and so can be cached).</param>
/// <param name="ReturnUrl">This page's address (path and query, below the site's path prefix included), to come back to after a form.</param>
/// <param name="ReturnUrlParam">The same address escaped for a query string (<c>?returnUrl=</c>).</param>
/// <param name="Error">Why a form on the page was refused, or null: the layout says so in the title, the page beside the form.</param>
public sealed record PageFrame(string Title, SiteView Site, [property: Personal] UserView? User, [property: Personal] AntiforgeryView? Antiforgery, string ReturnUrl, string ReturnUrlParam,
    ErrorView? Error = null)
{
    /// <summary>What the page is about in a sentence, for search results and shared links (an idea's opening words), or null.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Whether someone is signed in: the same for every member, so a template that asks this rather than <c>user</c> (a vote
    /// form's <c>if signed_in</c>) keeps its markup in the page every member shares, and only what is the member's own
    /// (their token, their vote) is written for each of them.
    /// </summary>
    public bool SignedIn { get; init; }

    /// <summary>The language the page is in (the site's <c>lang</c>): <c>t</c> reads its words in it.</summary>
    public string Language => Site.Lang;
}
