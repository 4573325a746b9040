namespace Engine.Themes.Pages;

/// <summary>tokens: "Sign-ins and tokens": the member's API tokens, made, listed and revoked here.</summary>
/// <param name="NewToken">A token just made, shown this once; else null.</param>
public sealed record TokensPage(PageFrame Frame, IReadOnlyList<TokenView> Tokens, string? NewToken, TokenForm Form, FieldErrors Errors) : IPage
{
    /// <summary>The member's sign-ins that are not signed out, newest first; each can be ended here.</summary>
    public IReadOnlyList<SessionView> Sessions { get; init; } = new List<SessionView>(); // a list: Scriban reads no .size of an array
}

/// <param name="Id">What the revoke form sends back.</param>
/// <param name="StartedAt">When, in words, in the site's time zone ("6 December 2026 at 09:15").</param>
/// <param name="How">How they signed in ("Password and code", "Sign in with NHSmail").</param>
/// <param name="Device">The browser as it described itself.</param>
/// <param name="Current">This is the browser showing the page.</param>
public sealed record SessionView(string Id, string StartedAt, string How, string Device, bool Current);

/// <param name="CreatedAt">Days in words, in the site's time zone ("6 December 2026").</param>
/// <param name="LastUsedAt">Null if never used.</param>
public sealed record TokenView(long Id, string Name, string CreatedAt, string ExpiresAt, string? LastUsedAt);

/// <param name="Days">The suggested lifetime; <paramref name="MaxDays"/> the longest the site allows.</param>
public sealed record TokenForm(string? Name, int Days, int MaxDays);
